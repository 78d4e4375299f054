package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

class RedisCircuitBreakerTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    @Test
    void opensAfterThresholdProbesOnceAndCloses() {
        AtomicLong now = new AtomicLong();
        RedisCircuitBreaker breaker = new RedisCircuitBreaker(3, Duration.ofSeconds(5), now::get);
        breaker.onFailure();
        breaker.onFailure();
        assertTrue(breaker.allowRequest(), "still closed below the threshold");
        breaker.onFailure();
        assertEquals(RedisCircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allowRequest());

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(breaker.allowRequest(), "one probe after the open period");
        assertFalse(breaker.allowRequest(), "only one probe at a time");
        breaker.onFailure();
        assertEquals(RedisCircuitBreaker.State.OPEN, breaker.state(), "a failed probe re-opens");

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(breaker.allowRequest());
        breaker.onSuccess();
        assertEquals(RedisCircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(2, breaker.timesOpened());
        assertTrue(breaker.rejected() >= 2);
    }

    @Test
    void successResetsTheFailureCount() {
        RedisCircuitBreaker breaker = new RedisCircuitBreaker(2, Duration.ofSeconds(5));
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        assertEquals(RedisCircuitBreaker.State.CLOSED, breaker.state(), "failures must be consecutive");
    }

    @Test
    void malformedSettingsNameTheVariable() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> RedisCircuitBreaker.from(
                name -> name.equals(RedisCircuitBreaker.FAILURE_THRESHOLD) ? Optional.of("0") : Optional.empty()));
        assertTrue(e.getMessage().contains("REDIS_CIRCUIT_FAILURE_THRESHOLD"), e.getMessage());
    }

    /** On a real client: a dead Redis is skipped without waiting, and caching resumes by itself after a restart. */
    @Test
    void deadRedisIsSkippedFastAndRecoveryNeedsNoRestart() throws Exception {
        RedisCircuitBreaker breaker = new RedisCircuitBreaker(3, Duration.ofSeconds(1));
        try (UnifiedJedis client = RedisClientFactory.create(redis.settings(), RedisTopology.standalone(),
                RedisSecurity.none(), breaker)) {
            RedisCache cache = new RedisCache(client, "cb:", new ValueCodec(), 1 << 20);
            assertTrue(cache.set("k", "v"));
            redis.server().freeze();
            try {
                for (int i = 0; i < 3; i++) {
                    assertEquals(Optional.empty(), cache.get("k", String.class), "fail-open while frozen");
                }
                assertEquals(RedisCircuitBreaker.State.OPEN, breaker.state());
                long start = System.nanoTime();
                for (int i = 0; i < 1000; i++) {
                    cache.get("k", String.class);
                }
                long perCallMicros = (System.nanoTime() - start) / 1000 / 1000;
                assertTrue(perCallMicros < 1000, "open circuit costs " + perCallMicros + " µs per call");
            } finally {
                redis.server().thaw();
            }
            Thread.sleep(1100);
            assertEquals(Optional.of("v"), cache.get("k", String.class), "the probe succeeds and closes the circuit");
            assertEquals(RedisCircuitBreaker.State.CLOSED, breaker.state());
        }
    }

    @Test
    void errorRepliesDoNotOpenTheCircuit() {
        RedisCircuitBreaker breaker = new RedisCircuitBreaker(2, Duration.ofSeconds(60));
        try (UnifiedJedis client = RedisClientFactory.create(redis.settings(), RedisTopology.standalone(),
                RedisSecurity.none(), breaker); Jedis raw = redis.jedis()) {
            raw.set("text", "not a number");
            for (int i = 0; i < 5; i++) {
                assertThrows(JedisDataException.class, () -> client.incr("text"));
            }
            assertEquals(RedisCircuitBreaker.State.CLOSED, breaker.state());
        }
    }

    @Test
    void aBusyPoolDoesNotOpenTheCircuit() throws Exception {
        // One connection, held by a blocking pop: every other command waits 50 ms for it and gives up. That is
        // contention in this JVM, not a failing Redis, and must not make every caller skip Redis.
        RedisCircuitBreaker breaker = new RedisCircuitBreaker(2, Duration.ofSeconds(60));
        RedisSettings oneConnection = new RedisSettings(redis.server().host(), redis.port(), Optional.empty(), 0, 1,
                Duration.ofSeconds(5), Duration.ofMillis(50), false);
        try (UnifiedJedis client = RedisClientFactory.create(oneConnection, RedisTopology.standalone(),
                RedisSecurity.none(), breaker)) {
            CompletableFuture<?> holder = CompletableFuture.runAsync(() -> client.blpop(1.5, "never-pushed"));
            Thread.sleep(200);
            for (int i = 0; i < 5; i++) {
                JedisException e = assertThrows(JedisException.class, () -> client.get("k"));
                assertTrue(dev.devcycle.redis.internal.CircuitBreakingCommandExecutor.isPoolExhausted(e), e.toString());
            }
            assertEquals(RedisCircuitBreaker.State.CLOSED, breaker.state());
            holder.get();
            assertEquals(null, client.get("k"), "the connection is back once the pop returns");
        }
    }
}
