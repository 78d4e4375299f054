package dev.devcycle.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import dev.devcycle.cache.ReadWorkload.Load;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.redis.RedisSettings;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code RedisCache.get} against a raw Jedis {@code GET} on the same pooled client, with several threads (issue 17:
 * 1, 2, 4 and 8 threads with {@code -t}, target ≥ 0.9× at each). Both variants share one module client
 * ({@link RedisClientFactory#create}: the circuit-breaking, retrying executor over Jedis' pool) of
 * {@link #poolSize} connections, the module's default, so neither waits for a connection at 8 threads; each thread
 * walks the 1,000 keys of {@link ReadWorkload} from its own offset. Throughput mode: the ratio of the two is the
 * figure. Driver: {@code src/bench/scripts/concurrent-reads.sh} (alternated rounds, ratios per round).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class ConcurrentReadBenchmark {

    /** The pool of both variants: {@code REDIS_MAX_CONNECTIONS}' default. */
    @Param("10")
    public int poolSize;

    private ReadWorkload.Server server;
    private UnifiedJedis redis;
    private RedisCache redisCache;
    private final String[] keys = ReadWorkload.keys();
    private final String[] rawKeys = ReadWorkload.redisKeys();

    /** Each thread's position in the keys. */
    @State(Scope.Thread)
    public static class Cursor {
        private static final java.util.concurrent.atomic.AtomicInteger THREADS =
                new java.util.concurrent.atomic.AtomicInteger();
        private int next = THREADS.getAndIncrement() * 137 % ReadWorkload.KEYS;

        int next() {
            int i = next + 1;
            next = i == ReadWorkload.KEYS ? 0 : i;
            return next;
        }
    }

    @Setup(Level.Trial)
    public void start() {
        server = ReadWorkload.Server.start();
        redis = RedisClientFactory.create(new RedisSettings(server.host(), server.port(), Optional.empty(), 0,
                poolSize, Duration.ofSeconds(2), Duration.ofSeconds(2), true));
        redisCache = new RedisCache(redis, ReadWorkload.NAMESPACE, new ValueCodec(), 1 << 20);
        for (int i = 0; i < ReadWorkload.KEYS; i++) {
            if (!ReadWorkload.load(i).equals(redisCache.get(keys[i], Load.class).orElse(null))) {
                throw new IllegalStateException("key " + keys[i] + " does not read back as its value");
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        try {
            redis.close();
        } finally {
            server.close();
        }
    }

    @Benchmark
    public String rawJedisGet(Cursor cursor) {
        return redis.get(rawKeys[cursor.next()]);
    }

    @Benchmark
    public Object redisCacheGet(Cursor cursor) {
        return redisCache.get(keys[cursor.next()], Load.class);
    }
}
