package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.testsupport.JedisLogLines;
import dev.devcycle.testsupport.RedisSentinelSetup;
import dev.devcycle.testsupport.RedisServerProcess;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/** The same RedisCache on a sentinel-managed master: every operation, then a failover with no failed call. */
class SentinelTopologyTest {

    private static RedisSentinelSetup sentinel;

    @BeforeAll
    static void start() {
        sentinel = new RedisSentinelSetup();
    }

    @AfterAll
    static void stop() {
        sentinel.close();
    }

    private static UnifiedJedis client() {
        RedisSettings settings = new RedisSettings("unused-in-sentinel-mode", 6379, Optional.empty(), 0, 8,
                Duration.ofMillis(500), Duration.ofMillis(500), true);
        return RedisClientFactory.create(settings,
                RedisTopology.sentinel(RedisSentinelSetup.MASTER_NAME, sentinel.sentinelNodes()), RedisSecurity.none(),
                RedisCircuitBreaker.disabled());
    }

    /**
     * Jedis talks to sentinels over plain {@code Jedis} connections, which warned on each one ("does not support RESP3
     * protocol auto-negotiation") until the module's sentinel connections stopped asking for the negotiation.
     */
    @Test
    void sentinelConnectionsLogNoWarnings() {
        try (JedisLogLines jedisLog = new JedisLogLines(); UnifiedJedis client = client()) {
            client.set("logged", "v");
            assertEquals("v", client.get("logged"));
            assertEquals(List.of(), jedisLog.warnings());
        }
    }

    @Test
    void cacheWorksThroughSentinelAndSurvivesFailover() throws Exception {
        try (UnifiedJedis client = client()) {
            RedisCache cache = new RedisCache(client, "sentinel:", new ValueCodec(), 1 << 20);
            assertTrue(cache.set("a", Map.of("x", 1), Duration.ofMinutes(5)));
            assertEquals(Optional.of("{\"x\":1}"), cache.get("a", String.class));
            try (Jedis master = RedisServerProcess.jedis(sentinel.master().port(), 2000)) {
                assertEquals("{\"x\":1}", master.get("sentinel:a"), "written to the master");
            }
            assertEquals(1L, cache.report().totalKeys());
            assertEquals(1, cache.clearPattern("*"));

            HostAndPort before = sentinel.currentMaster();
            sentinel.master().kill();
            long killedAt = System.nanoTime();

            // Calls during the failover fail open (no exception reaches the caller), then writes resume.
            long recoveredAt = 0;
            int calls = 0;
            while (System.nanoTime() - killedAt < Duration.ofSeconds(30).toNanos()) {
                calls++;
                if (cache.set("after", "v") && cache.get("after", String.class).isPresent()) {
                    recoveredAt = System.nanoTime();
                    break;
                }
                Thread.sleep(100);
            }
            assertTrue(recoveredAt > 0, "writes did not resume on the promoted replica");
            HostAndPort after = sentinel.currentMaster();
            assertNotEquals(before, after, "a replica was promoted");
            assertEquals(sentinel.replica().port(), after.getPort());
            try (Jedis promoted = RedisServerProcess.jedis(sentinel.replica().port(), 2000)) {
                assertEquals("v", promoted.get("sentinel:after"));
            }
            System.getLogger(getClass().getName()).log(System.Logger.Level.INFO,
                    "sentinel failover: writes resumed " + (recoveredAt - killedAt) / 1_000_000 + " ms after the "
                            + "master was killed, " + calls + " fail-open calls in between");
        }
    }
}
