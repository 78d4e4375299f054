package dev.devcycle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.redis.RedisCircuitBreaker;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.redis.RedisSecurity;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.redis.RedisTopology;
import dev.devcycle.testsupport.RedisServerExtension;
import dev.devcycle.testsupport.ReliabilityFigures;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * A reply that arrives after its caller timed out must never be read by the next caller of the same pooled
 * connection (the classic desynchronised pipeline: every later read gets the previous key's value). Redis is made to
 * sleep longer than the socket timeout while pooled connections wait for replies; afterwards 10,000 reads of distinct
 * keys must each return their own value.
 */
class LateReplyTest {

    private static final int KEYS = 10_000;
    private static final Duration SOCKET_TIMEOUT = Duration.ofMillis(200);
    private static final int POOL = 8;

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension("--enable-debug-command", "local");

    @Test
    void repliesArrivingAfterATimeoutNeverReachTheNextCaller() throws Exception {
        try (Jedis admin = redis.jedis()) {
            Pipeline pipeline = admin.pipelined();
            for (int i = 0; i < KEYS; i++) {
                pipeline.set("late:k" + i, "v" + i);
            }
            pipeline.sync();
        }
        RedisSettings settings = new RedisSettings("127.0.0.1", redis.port(), Optional.empty(), 0, POOL,
                SOCKET_TIMEOUT, Duration.ofSeconds(2), true);
        ExecutorService threads = Executors.newFixedThreadPool(POOL);
        try (UnifiedJedis client = RedisClientFactory.create(settings, RedisTopology.standalone(),
                RedisSecurity.none(), RedisCircuitBreaker.disabled())) {
            RedisCache cache = new RedisCache(client, "late:", new ValueCodec(), 1 << 20);
            // Every pooled connection is opened and used once, so each one is a candidate for a late reply.
            warm(cache, threads);

            // Redis sleeps 1 s (5 socket timeouts) on a connection of its own; meanwhile every pooled connection
            // sends a GET whose reply comes after the caller gave up, and the retry's GET as well.
            CompletableFuture<Void> sleep = CompletableFuture.runAsync(() -> {
                try (Jedis admin = redis.jedis()) {
                    admin.sendCommand(() -> "DEBUG".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "SLEEP", "1");
                }
            });
            Thread.sleep(50);
            List<Future<Optional<String>>> stalled = new ArrayList<>();
            for (int i = 0; i < POOL * 2; i++) {
                int key = i;
                stalled.add(threads.submit(() -> cache.get("k" + key, String.class)));
            }
            int timedOut = 0;
            for (Future<Optional<String>> f : stalled) {
                timedOut += f.get(10, TimeUnit.SECONDS).isEmpty() ? 1 : 0;
            }
            sleep.get(10, TimeUnit.SECONDS);
            assertTrue(timedOut > 0, "the sleep made some reads time out (fail open, empty)");

            AtomicLong mismatches = new AtomicLong();
            AtomicLong misses = new AtomicLong();
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < POOL; t++) {
                int offset = t;
                readers.add(threads.submit(() -> {
                    for (int i = offset; i < KEYS; i += POOL) {
                        Optional<String> value = cache.get("k" + i, String.class);
                        if (value.isEmpty()) {
                            misses.incrementAndGet();
                        } else if (!value.get().equals("v" + i)) {
                            mismatches.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
            ReliabilityFigures.record("late reply (DEBUG SLEEP 1 s, socket timeout 200 ms)",
                    "reads timed out during the sleep / mismatches / misses in 10,000 reads after",
                    timedOut + " / " + mismatches.get() + " / " + misses.get());
            assertEquals(0, mismatches.get(), "reads answered with another key's value");
            assertEquals(0, misses.get(), "every key is present and Redis is up again");
        } finally {
            threads.shutdownNow();
        }
    }

    private static void warm(RedisCache cache, ExecutorService threads) throws Exception {
        List<Future<?>> warm = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            int key = i;
            warm.add(threads.submit(() -> {
                for (int j = 0; j < 50; j++) {
                    assertEquals(Optional.of("v" + key), cache.get("k" + key, String.class));
                }
            }));
        }
        for (Future<?> f : warm) {
            f.get(10, TimeUnit.SECONDS);
        }
    }
}
