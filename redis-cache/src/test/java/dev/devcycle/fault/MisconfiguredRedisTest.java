package dev.devcycle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.redis.FailureLog;
import dev.devcycle.redis.RedisCircuitBreaker;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.redis.RedisInfo;
import dev.devcycle.redis.RedisSecurity;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.redis.RedisTopology;
import dev.devcycle.redis.internal.ReadinessProbe;
import dev.devcycle.testsupport.RedisServerExtension;
import dev.devcycle.testsupport.ReliabilityFigures;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * A wrong password and a Redis out of memory: reads keep answering (from Redis where it can, else as misses), writes
 * are skipped, nothing throws, the failure is logged once per kind, the server sees no retry storm (each operation
 * costs at most one attempt), and readiness data says why.
 */
class MisconfiguredRedisTest {

    private static final int OPERATIONS = 200;

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension("--requirepass", "right-password");

    private static RedisSettings settings(String password) {
        return new RedisSettings("127.0.0.1", redis.port(), Optional.of(password), 0, 4,
                Duration.ofSeconds(1), Duration.ofSeconds(1), true);
    }

    private static UnifiedJedis client(RedisSettings settings, RedisCircuitBreaker breaker) {
        return RedisClientFactory.create(settings, RedisTopology.standalone(), RedisSecurity.none(), breaker);
    }

    @Test
    void wrongPassword_readsMissWritesSkipped_loggedOnce_noRetryStorm_readinessSaysWhy() {
        RedisCircuitBreaker breaker = new RedisCircuitBreaker(5, Duration.ofSeconds(5));
        try (Jedis admin = redis.jedis(); LogRecords log = new LogRecords(RedisCache.class.getName());
             UnifiedJedis client = client(settings("wrong-password"), breaker)) {
            admin.set("devcycle:cache:k", "v");
            long connectionsBefore = stat(admin, "stats", "total_connections_received");
            RedisCache cache = new RedisCache(client, RedisCache.DEFAULT_NAMESPACE, new ValueCodec(), 1 << 20);

            for (int i = 0; i < OPERATIONS / 2; i++) {
                assertEquals(Optional.empty(), cache.get("k", String.class), "a read is a miss, never an exception");
                assertFalse(cache.set("k" + i, "v"), "a write is skipped");
            }
            long connections = stat(admin, "stats", "total_connections_received") - connectionsBefore - 1;

            ReliabilityFigures.record("wrong password", "connections opened for " + OPERATIONS + " operations",
                    connections);
            // Without the breaker every operation would open a connection to be refused (one per request, at any
            // request rate); with it, the threshold's few, then one probe per open period.
            assertTrue(connections <= 10, "a connection storm: " + connections + " connections");
            // Once per operation kind and cause (FailureLog), per minute: the refused password, then "circuit open".
            assertEquals(2, log.texts().stream().filter(t -> t.contains("WRONGPASS")).count(), log.texts().toString());
            assertTrue(log.size() <= 4, "at most one line per operation kind and cause: " + log.texts());
            ReliabilityFigures.record("wrong password", "warning lines for " + OPERATIONS + " operations", log.size());

            HealthCheckResponse ready = ReadinessProbe.call(client, settings("wrong-password"), breaker);
            assertEquals(HealthCheckResponse.Status.DOWN, ready.getStatus());
            Map<String, Object> data = ready.getData().orElseThrow();
            ReliabilityFigures.record("wrong password", "readiness", ready.getStatus() + " " + data);
            assertEquals("open", data.get("circuit"));
            assertTrue(String.valueOf(data.get("last_failure")).contains("WRONGPASS"), data.toString());
            assertEquals("v", admin.get("devcycle:cache:k"), "nothing written");
        }
    }

    @Test
    void outOfMemory_readsServedWritesSkipped_loggedOnce_noRetry_readinessSaysWhy() {
        try (Jedis admin = redis.jedis(); LogRecords log = new LogRecords(RedisCache.class.getName());
             UnifiedJedis client = client(settings("right-password"), new RedisCircuitBreaker(5, Duration.ofSeconds(5)))) {
            String big = "x".repeat(4096);
            for (int i = 0; i < 200; i++) {
                admin.set("devcycle:cache:k" + i, big + i);
            }
            try {
                admin.configSet("maxmemory-policy", "noeviction");
                admin.configSet("maxmemory", "1mb");
                admin.configResetStat();
                RedisCache cache = new RedisCache(client, RedisCache.DEFAULT_NAMESPACE, new ValueCodec(), 1 << 20);

                for (int i = 0; i < OPERATIONS / 2; i++) {
                    assertEquals(Optional.of(big + i), cache.get("k" + i, String.class), "reads still served");
                    assertFalse(cache.set("new" + i, "v"), "a write is refused (OOM) and skipped");
                }
                Map<String, String> setStats = RedisInfo.parse(admin.info("commandstats"));
                String setLine = setStats.getOrDefault("cmdstat_set", "");
                ReliabilityFigures.record("out of memory", "SET commandstats after " + OPERATIONS / 2 + " writes",
                        setLine);
                assertTrue(setLine.contains("rejected_calls=" + OPERATIONS / 2),
                        "each write tried once, never retried: " + setLine);
                assertEquals(1, log.linesFor("set"), "one line for the refused writes: " + log.texts());
                assertTrue(log.texts().get(0).contains("OOM"), log.texts().get(0));
                assertEquals(0, log.linesFor("get"), "reads did not fail");

                HealthCheckResponse ready = ReadinessProbe.call(client, settings("right-password"));
                Map<String, Object> data = ready.getData().orElseThrow();
                ReliabilityFigures.record("out of memory", "readiness", ready.getStatus() + " " + data);
                assertEquals(HealthCheckResponse.Status.UP, ready.getStatus(), "reads work, so still ready");
                assertTrue(String.valueOf(data.get("warning")).contains("out of memory"), data.toString());
            } finally {
                admin.configSet("maxmemory", "0");
            }
        }
    }

    private static long stat(Jedis admin, String section, String name) {
        return Long.parseLong(RedisInfo.parse(admin.info(section)).get(name));
    }
}
