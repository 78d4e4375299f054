package dev.devcycle.cache.internal.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.DeclarativeCacheStatistics;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** Redis dies, freezes and comes back: annotated methods keep answering correctly, caching resumes by itself. */
class RedisFailureTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    @Test
    void methodsKeepWorkingWhileRedisIsDownAndCachingResumesAfterRestart() throws Exception {
        CacheTestContainer.configure(redis, Map.of());
        try (CacheTestContainer c = CacheTestContainer.start(Agents.class)) {
            Agents agents = c.bean(Agents.class);
            agents.storeAvailability("a-1", true);
            assertTrue(agents.isAgentAvailable("a-1"));
            assertEquals(1, agents.calls("isAgentAvailable"));

            redis.server().kill();

            for (int i = 0; i < 3; i++) {
                assertTrue(agents.isAgentAvailable("a-1"), "the method answers while Redis is down");
                assertFalse(agents.isAgentAvailable("a-2"));
            }
            assertEquals(7, agents.calls("isAgentAvailable"), "every call ran the method");
            agents.setAvailable("a-1", false);
            assertFalse(agents.isAgentAvailable("a-1"), "an invalidation during the outage is no exception");
            assertEquals(List.of(), agents.allIds());
            DeclarativeCacheStatistics stats = c.caches().statistics("agent:availability").orElseThrow();
            assertTrue(stats.errors() >= 7, "errors counted: " + stats.errors());
            assertTrue(stats.misses() >= 8, "misses counted: " + stats.misses());

            redis.server().restart();

            // The circuit breaker opened during the outage; it probes Redis after 1 s and closes. A pooled connection
            // broken by the restart fails once and is replaced; no restart of the app is needed.
            boolean stored = false;
            for (int i = 0; i < 50 && !stored; i++) {
                Thread.sleep(100);
                agents.isAgentAvailable("a-3");
                try (Jedis jedis = redis.jedis()) {
                    stored = "false".equals(jedis.get("devcycle:agent:availability:a-3"));
                }
            }
            assertTrue(stored, "caching resumed after the restart");
            int calls = agents.calls("isAgentAvailable");
            assertFalse(agents.isAgentAvailable("a-3"));
            assertEquals(calls, agents.calls("isAgentAvailable"), "and the next call is a hit");
        }
    }

    @Test
    void frozenRedisCostsATimeoutNotAnError() throws Exception {
        CacheTestContainer.configure(redis, Map.of());
        try (CacheTestContainer c = CacheTestContainer.start(Agents.class)) {
            Agents agents = c.bean(Agents.class);
            agents.storeAvailability("f-1", true);
            redis.server().freeze();
            try {
                long started = System.nanoTime();
                assertTrue(agents.isAgentAvailable("f-1"));
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(millis < 3_000, "bounded by the 1 s socket timeout, took " + millis + " ms");
            } finally {
                redis.server().thaw();
            }
            assertTrue(c.caches().statistics("agent:availability").orElseThrow().errors() >= 1);
        }
    }
}
