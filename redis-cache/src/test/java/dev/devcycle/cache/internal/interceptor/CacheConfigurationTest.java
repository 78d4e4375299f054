package dev.devcycle.cache.internal.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** {@code cache.*} configuration: prefix, TTL override, jitter, negative TTL, enabled, unknown names, bad values. */
class CacheConfigurationTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    private static final Map<String, String> CONFIG = Map.of(
            "cache.key-prefix", "cfg:",
            "cache.agent:availability.ttl", "2m",
            "cache.agent:name.ttl", "10s",
            "cache.agent:name.jitter", "50",
            "cache.agent:load.negative-ttl", "1500ms",
            "cache.agent:by-id.enabled", "false",
            "cache.agent:typo.ttl", "5s");

    @Test
    void configurationOverridesTheAnnotationsAndWarnsAboutUnknownCaches() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(DeclaredCaches.class.getName());
        logger.addHandler(handler);
        CacheTestContainer.configure(redis, CONFIG);
        try (CacheTestContainer c = CacheTestContainer.start(Agents.class); Jedis jedis = redis.jedis()) {
            Agents agents = c.bean(Agents.class);

            assertTrue(warnings.stream().anyMatch(r -> List.of(r.getParameters()).contains("cache.agent:typo.ttl")),
                    "unknown cache name in config is warned about at start-up");
            assertTrue(warnings.stream().noneMatch(r -> List.of(r.getParameters()).contains("cache.agent:name.ttl")));

            // cache.<name>.ttl wins over the annotation's 30s; the prefix comes from cache.key-prefix.
            agents.isAgentAvailable("a");
            long ttl = jedis.pttl("cfg:agent:availability:a");
            assertTrue(ttl > 107_000 && ttl <= 120_000, "configured 2m, less the default jitter of 10 %, was " + ttl);

            // Jitter 50%: every TTL within [5s, 10s], and not all the same.
            Set<Long> ttls = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                agents.nameOf("n" + i);
                long t = jedis.pttl("cfg:agent:name:n" + i);
                assertTrue(t >= 4_900 && t <= 10_000, "TTL inside the jitter band, was " + t);
                ttls.add(t / 100);
            }
            assertTrue(ttls.size() > 5, "jitter spreads the expiries: " + ttls);

            // Negative TTL from configuration for a method without one on its annotation.
            assertNull(agents.loadOf("x"));
            assertNull(agents.loadOf("x"));
            assertEquals(1, agents.calls("loadOf"));
            assertEquals("null", jedis.get("cfg:agent:load:x"));
            long negative = jedis.pttl("cfg:agent:load:x");
            assertTrue(negative > 0 && negative <= 1_500, "negative TTL 1500ms, was " + negative);

            // enabled=false: always runs, nothing stored.
            agents.store(new Agents.Agent("d", "D", 1, List.of()));
            agents.agent("d");
            agents.agent("d");
            assertEquals(2, agents.calls("agent"));
            assertNull(jedis.get("cfg:agent:by-id:d"));
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void malformedConfigurationStopsTheStartNamingTheProperty() {
        CacheTestContainer.configure(redis, Map.of("cache.agent:availability.ttl", "soon"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> CacheTestContainer.start(Agents.class));
        assertTrue(causes(e).contains("cache.agent:availability.ttl"), causes(e));
    }

    static String causes(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t).append('\n');
        }
        return out.toString();
    }
}
