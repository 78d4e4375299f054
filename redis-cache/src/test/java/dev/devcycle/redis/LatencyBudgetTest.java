package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.UnifiedJedis;

class LatencyBudgetTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    private static LatencyBudget budget(String text) {
        return LatencyBudget.from(name -> Optional.ofNullable(Map.of(LatencyBudget.PROPERTY, text).get(name)));
    }

    @Test
    void parsesAndDefaults() {
        assertEquals(Duration.ofMillis(100), LatencyBudget.from(name -> Optional.empty()).total());
        assertEquals(Duration.ofMillis(50), budget("50ms").total());
        assertEquals(Duration.ofMillis(250), budget("0.25s").total());
        assertEquals(Duration.ofMillis(75), budget("75").total());
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> budget("fast"));
        assertTrue(e.getMessage().contains("CACHE_TIMEOUT"), e.getMessage());
        assertThrows(InvalidSettingException.class, () -> budget("0ms"));
    }

    @Test
    void capsEveryTimeoutSharedOverTheAttempts() {
        RedisSettings seed = RedisSettings.defaults();
        RedisSettings capped = budget("100ms").applyTo(seed);
        assertEquals(Duration.ofMillis(50), capped.socketTimeout(), "two attempts share 100 ms");
        assertEquals(Duration.ofMillis(50), capped.connectTimeout());
        RedisSettings generous = budget("20s").applyTo(seed);
        assertEquals(Duration.ofSeconds(5), generous.socketTimeout(), "REDIS_SOCKET_TIMEOUT stays an upper bound");
    }

    /** A frozen Redis costs a cache read about the budget, not the seed's 5 s socket timeout. */
    @Test
    void frozenRedisCostsAboutTheBudget() {
        RedisSettings settings = budget("100ms").applyTo(new RedisSettings("127.0.0.1", redis.port(),
                Optional.empty(), 0, 4, Duration.ofSeconds(5), Duration.ofSeconds(5), true));
        try (UnifiedJedis client = RedisClientFactory.create(settings)) {
            RedisCache cache = new RedisCache(client, "budget:", new ValueCodec(), 1 << 20);
            cache.set("k", "v");
            redis.server().freeze();
            try {
                long start = System.nanoTime();
                assertEquals(Optional.empty(), cache.get("k", String.class));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms < 400, "a read cost " + ms + " ms against a budget of 100 ms");
            } finally {
                redis.server().thaw();
            }
        }
    }

    /** An exhausted pool makes a request wait at most the budget, then the cache misses. */
    @Test
    void exhaustedPoolWaitsAtMostTheBudget() throws Exception {
        RedisSettings settings = budget("100ms").applyTo(new RedisSettings("127.0.0.1", redis.port(),
                Optional.empty(), 0, 1, Duration.ofSeconds(5), Duration.ofSeconds(5), false));
        try (UnifiedJedis client = RedisClientFactory.create(settings)) {
            RedisCache cache = new RedisCache(client, "budget:", new ValueCodec(), 1 << 20);
            cache.set("k", "v");
            // BLPOP holds the pool's only connection for 2 s (blocking commands wait without the socket timeout).
            CompletableFuture<?> holder = CompletableFuture.runAsync(() -> client.blpop(2, "never-pushed"));
            Thread.sleep(200);
            long start = System.nanoTime();
            assertEquals(Optional.empty(), cache.get("k", String.class));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 400, "waited " + ms + " ms for a connection against a budget of 100 ms");
            holder.get(10, TimeUnit.SECONDS);
            assertEquals(Optional.of("v"), cache.get("k", String.class), "the connection is back");
        }
    }
}
