package dev.devcycle.cache;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import dev.devcycle.cache.ReadWorkload.Load;
import dev.devcycle.cache.internal.AfterCommit;
import dev.devcycle.cache.internal.CacheConfig;
import dev.devcycle.cache.internal.CacheSettings;
import dev.devcycle.cache.internal.ReadThroughCache;
import dev.devcycle.cache.internal.StoredValues;
import dev.devcycle.cache.internal.interceptor.CacheInvocations;
import dev.devcycle.cache.internal.near.InvalidationListener;
import dev.devcycle.cache.internal.near.NearCache;
import dev.devcycle.cache.internal.near.NearCacheSettings;
import dev.devcycle.redis.FailureLog;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.testsupport.CacheTestContainer;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The read paths side by side, one thread, 1,000 keys of a ~200-byte agent-load JSON ({@link ReadWorkload}, shared
 * with {@link PeerReadBenchmark} and the redis-py script): raw Jedis GET, RedisCache.get (GET + JSON-B decode), the
 * @CacheResult hit path without the CDI proxy ({@link CacheInvocations#result}) and through it (a Weld SE bean, as in
 * the tests' {@code CacheTestContainer}), ReadThroughCache.get, and a near-cache hit.
 *
 * <p>Redis: the external server of {@code -Dbench.redis.port=} when given (the driver
 * {@code src/bench/scripts/read-paths.sh}), otherwise one of the benchmark's own. Each trial builds only what its
 * variant needs: the near cache's tracking connection and heartbeat run only for {@link #nearCacheHit} and
 * {@link #nearCacheHitJittered}, the Weld container only for {@link #cacheResultViaProxy}. See docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReadPathBenchmark {

    static final int KEYS = ReadWorkload.KEYS;

    /** The annotated method whose hit path is measured; an application-scoped bean, as services usually are. */
    @ApplicationScoped
    public static class Lookups {
        @CacheResult(cacheName = ReadWorkload.CACHE_NAME, ttl = "10m")
        public Load load(String agentId) {
            throw new IllegalStateException("every key is preloaded: a load means a miss");
        }
    }

    private ReadWorkload.Server server;
    private UnifiedJedis redis;
    private UnifiedJedis plain;
    private RedisCache redisCache;
    private ReadThroughCache named;
    private ReadThroughCache nearNamed;
    private InvalidationListener listener;
    private ScheduledExecutorService heartbeats;
    private CacheInvocations invocations;
    private Method lookup;
    private CacheSettings settings;
    private CacheTestContainer container;
    private Lookups proxied;
    private RedisCommandCounts beforeMeasurement;
    private String variant;
    private final String[] keys = ReadWorkload.keys();
    private final String[] rawKeys = ReadWorkload.redisKeys();
    private int next;

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) throws Exception {
        variant = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        server = ReadWorkload.Server.start();
        RedisSettings redisSettings = new RedisSettings(server.host(), server.port(), Optional.empty(), 0, 4,
                Duration.ofSeconds(2), Duration.ofSeconds(2), true);
        redis = RedisClientFactory.create(redisSettings);
        plain = RedisClient.builder().hostAndPort(server.host(), server.port()).build();
        ValueCodec codec = new ValueCodec();
        redisCache = new RedisCache(redis, ReadWorkload.NAMESPACE, codec, 1 << 20);
        FailureLog failures = new FailureLog(java.util.logging.Logger.getLogger("bench"));
        named = new ReadThroughCache(ReadWorkload.CACHE_NAME, "devcycle:", redis,
                new StoredValues(codec, 1 << 20, failures), AfterCommit.immediate(), failures, null);
        CacheConfig config = new CacheConfig(name -> Optional.empty());
        settings = config.settings(ReadWorkload.CACHE_NAME, "10m", "");
        invocations = new CacheInvocations(name -> named, config::settings);
        lookup = Lookups.class.getMethod("load", String.class);
        for (int i = 0; i < KEYS; i++) {
            if (!rawKeys[i].equals(named.redisKey(keys[i]))
                    || !ReadWorkload.load(i).equals(redisCache.get(keys[i], Load.class).orElse(null))) {
                throw new IllegalStateException("key " + keys[i] + " does not read back as its value");
            }
        }
        if (variant.startsWith("nearCacheHit")) {
            startNearCache(redisSettings, codec, variant.equals("nearCacheHitJittered") ? 10 : 0);
        }
        if (variant.equals("cacheResultViaProxy")) {
            startContainer(Map.of());
        }
        if (variant.equals("cacheResultViaProxyNearHit")) {
            startContainer(Map.of("cache." + ReadWorkload.CACHE_NAME + ".near-cache", "true",
                    "cache." + ReadWorkload.CACHE_NAME + ".near-cache-ttl", "10m"));
            warmNearCacheThroughProxy();
        }
        beforeMeasurement = RedisCommandCounts.read(server.host(), server.port());
    }

    private void startNearCache(RedisSettings redisSettings, ValueCodec codec, int jitterPercent) throws Exception {
        FailureLog failures = new FailureLog(java.util.logging.Logger.getLogger("bench"));
        NearCache near = new NearCache(named.keyPrefix(), new NearCacheSettings(true, 10_000,
                Duration.ofMinutes(10), jitterPercent));
        nearNamed = new ReadThroughCache(ReadWorkload.CACHE_NAME, "devcycle:", redis,
                new StoredValues(codec, 1 << 20, failures), AfterCommit.immediate(), failures, near);
        heartbeats = Executors.newSingleThreadScheduledExecutor();
        listener = new InvalidationListener(ReadWorkload.CACHE_NAME, near,
                new HostAndPort(server.host(), server.port()), RedisClientFactory.clientConfig(redisSettings),
                Duration.ofSeconds(1), Duration.ofSeconds(1), heartbeats).start();
        while (!near.tracking()) {
            Thread.sleep(10);
        }
        for (int round = 0; round < 3; round++) {
            for (String key : keys) {
                nearNamed.get(key, Load.class, settings, () -> null);
            }
        }
        if (near.size() < KEYS) {
            throw new IllegalStateException("near cache not filled: " + near.size());
        }
    }

    /**
     * A Weld SE container with the caching layer (the tests' set-up) on the benchmark's Redis, with the same client
     * settings as {@link #redis}; the proxied bean is checked to hit on every key before the measurement.
     */
    private void startContainer(Map<String, String> cacheProperties) throws Exception {
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "redis.max.connections", "4",
                "redis.socket.timeout", "2",
                "redis.socket.connect.timeout", "2",
                "redis.retry.on.timeout", "true",
                "cache.timeout", "2s"));
        properties.putAll(cacheProperties);
        CacheTestContainer.configure(server.port(), properties);
        container = CacheTestContainer.start(Lookups.class);
        proxied = container.bean(Lookups.class);
        if (proxied.getClass() == Lookups.class) {
            throw new IllegalStateException("the bean is not proxied: no interceptor would run");
        }
        for (int i = 0; i < KEYS; i++) {
            if (!ReadWorkload.load(i).equals(proxied.load(keys[i]))) {
                throw new IllegalStateException("proxied read of " + keys[i] + " is not its value");
            }
        }
    }

    /** Waits for the container's near cache to track, then reads every key until each read is a near hit. */
    private void warmNearCacheThroughProxy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (nearState() != DeclarativeCacheStatistics.NearCacheState.TRACKING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the container's near cache does not track: " + nearState());
            }
            Thread.sleep(10);
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < KEYS; i++) {
                if (!ReadWorkload.load(i).equals(proxied.load(keys[i]))) {
                    throw new IllegalStateException("proxied read of " + keys[i] + " is not its value");
                }
            }
        }
    }

    private DeclarativeCacheStatistics.NearCacheState nearState() {
        return container.caches().statistics(ReadWorkload.CACHE_NAME).orElseThrow().nearCacheState();
    }

    @TearDown(Level.Trial)
    public void stop() {
        try {
            if (variant.startsWith("nearCacheHit") || variant.equals("cacheResultViaProxyNearHit")) {
                RedisCommandCounts.assertNoReads(variant, server.host(), server.port(), beforeMeasurement);
            }
            if (container != null) {
                DeclarativeCacheStatistics statistics = container.caches().statistics(ReadWorkload.CACHE_NAME)
                        .orElseThrow();
                System.out.println("[hit check] " + variant + ": hits " + statistics.hits() + ", misses "
                        + statistics.misses() + ", errors " + statistics.errors());
                if (statistics.misses() != 0 || statistics.errors() != 0) {
                    throw new IllegalStateException(variant + " did not hit on every call");
                }
            }
        } finally {
            if (container != null) {
                container.close();
            }
            if (listener != null) {
                listener.close();
                heartbeats.shutdownNow();
            }
            plain.close();
            redis.close();
            server.close();
        }
    }

    private int nextIndex() {
        int i = next + 1;
        next = i == KEYS ? 0 : i;
        return next;
    }

    @Benchmark
    public String rawJedisGet() {
        return redis.get(rawKeys[nextIndex()]);
    }

    /**
     * The same GET on a plain Jedis client (no retry executor, no circuit breaker): the difference to
     * {@link #rawJedisGet} is what the module's executors cost per command.
     */
    @Benchmark
    public String plainJedisGet() {
        return plain.get(rawKeys[nextIndex()]);
    }

    @Benchmark
    public Object redisCacheGet() {
        return redisCache.get(keys[nextIndex()], Load.class);
    }

    @Benchmark
    public Object namedCacheGet() throws Exception {
        return named.get(keys[nextIndex()], Load.class, settings, () -> null);
    }

    /** The interceptor's logic called directly: no CDI proxy, no InvocationContext. */
    @Benchmark
    public Object cacheResultHit() throws Exception {
        return invocations.result(lookup, new Object[] {keys[nextIndex()]}, () -> null);
    }

    /** A call of the @CacheResult method on the injected bean: client proxy, Weld's interceptor chain, then the hit. */
    @Benchmark
    public Object cacheResultViaProxy() {
        return proxied.load(keys[nextIndex()]);
    }

    /**
     * The same proxied call with a near cache on the cache: in-process end to end, so the difference to
     * {@link #nearCacheHit} is what the client proxy, Weld's interceptor chain, the key rendering and the
     * cache's settings lookup cost per call, free of the round trip's noise.
     */
    @Benchmark
    public Object cacheResultViaProxyNearHit() {
        return proxied.load(keys[nextIndex()]);
    }

    @Benchmark
    public Object nearCacheHit() throws Exception {
        return nearNamed.get(keys[nextIndex()], Load.class, settings, () -> null);
    }

    /**
     * {@link #nearCacheHit} with the near cache's TTL jitter (10 %, the default of {@code cache.jitter}): Caffeine's
     * variable expiry instead of {@code expireAfterWrite}.
     */
    @Benchmark
    public Object nearCacheHitJittered() throws Exception {
        return nearNamed.get(keys[nextIndex()], Load.class, settings, () -> null);
    }

}
