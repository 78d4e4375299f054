package dev.devcycle.jcache;

import java.io.Serializable;
import java.net.URI;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;
import javax.cache.spi.CachingProvider;

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
import org.redisson.config.Config;
import org.redisson.jcache.configuration.RedissonConfiguration;

import dev.devcycle.testsupport.RedisServerProcess;

/**
 * JCache through this module's provider against Redisson's JCache provider (bench profile only), on one
 * redis-server of the benchmark's own: {@code get} hits, {@code put} of existing keys, and {@code invoke} of an entry
 * processor that reads and replaces the value (an update). Both caches are configured alike:
 * {@code <String, byte[]>}, eternal (the shape of Liberty's session attributes), 512-byte values, 1,000 keys, a pool
 * of 8 connections. Run once with {@code -t 1} and once with {@code -t 4} (docs/benchmarks.md, "JCache").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JCacheBenchmark {

    static final int KEYS = 1000;
    static final int VALUE_BYTES = 512;
    static final String REDISSON_PROVIDER = "org.redisson.jcache.JCachingProvider";

    @Param({"devcycle", "redisson"})
    public String provider;

    private RedisServerProcess server;
    private CachingProvider cachingProvider;
    private CacheManager manager;
    private Cache<String, byte[]> cache;
    private final String[] keys = new String[KEYS];
    private final byte[] value = new byte[VALUE_BYTES];

    /** Each thread walks the keys from its own offset. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next = (int) (Thread.currentThread().getId() * 7919);

        int next() {
            next = (next + 1) % KEYS;
            return next;
        }
    }

    /** Reads the entry and stores a value one byte longer or shorter: a read-modify-write on the entry. */
    static final class Flip implements EntryProcessor<String, byte[], Integer>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer process(MutableEntry<String, byte[]> entry, Object... arguments) {
            byte[] current = entry.getValue();
            entry.setValue(Arrays.copyOf(current, current.length == VALUE_BYTES ? VALUE_BYTES + 1 : VALUE_BYTES));
            return current.length;
        }
    }

    private static final Flip FLIP = new Flip();

    @Setup(Level.Trial)
    public void start() {
        server = RedisServerProcess.start();
        Arrays.fill(value, (byte) 'v');
        MutableConfiguration<String, byte[]> config = new MutableConfiguration<String, byte[]>()
                .setTypes(String.class, byte[].class).setExpiryPolicyFactory(EternalExpiryPolicy.factoryOf());
        if (provider.equals("devcycle")) {
            cachingProvider = new RedisCachingProvider();
            Properties properties = new Properties();
            properties.setProperty("redis.max.connections", "8");
            manager = cachingProvider.getCacheManager(URI.create("redis://127.0.0.1:" + server.port()),
                    getClass().getClassLoader(), properties);
            cache = manager.createCache("bench", config);
        } else {
            cachingProvider = Caching.getCachingProvider(REDISSON_PROVIDER);
            Config redisson = new Config();
            redisson.useSingleServer().setAddress("redis://127.0.0.1:" + server.port())
                    .setConnectionPoolSize(8).setConnectionMinimumIdleSize(8);
            manager = cachingProvider.getCacheManager();
            cache = manager.createCache("bench", RedissonConfiguration.fromConfig(redisson, config));
        }
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "session-" + i;
            cache.put(keys[i], value);
        }
        for (String key : keys) {
            if (!Arrays.equals(value, cache.get(key))) {
                throw new IllegalStateException(provider + ": " + key + " does not read back");
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        try {
            if (manager != null) {
                manager.destroyCache("bench");
                manager.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Benchmark
    public byte[] getHit(Cursor cursor) {
        byte[] hit = cache.get(keys[cursor.next()]);
        if (hit == null) {
            throw new IllegalStateException("miss");
        }
        return hit;
    }

    @Benchmark
    public void put(Cursor cursor) {
        cache.put(keys[cursor.next()], value);
    }

    @Benchmark
    public Integer invoke(Cursor cursor) {
        return cache.invoke(keys[cursor.next()], FLIP);
    }
}
