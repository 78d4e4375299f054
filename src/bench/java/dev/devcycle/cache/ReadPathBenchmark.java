package dev.devcycle.cache;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.devcycle.cache.interceptor.CacheInvocations;
import dev.devcycle.cache.near.InvalidationListener;
import dev.devcycle.cache.near.NearCache;
import dev.devcycle.cache.near.NearCacheSettings;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.testsupport.RedisServerProcess;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The read paths side by side, one thread, 1,000 keys of a ~200-byte agent-load JSON on a redis-server of the
 * benchmark's own: raw Jedis GET, RedisCache.get (GET + JSON-B decode), the @CacheResult hit path (the interceptor's
 * logic, {@link CacheInvocations#result}, without the CDI proxy), NamedCache.get, and a near-cache hit.
 * JMH runs the methods one after another in one JVM per fork; see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReadPathBenchmark {

    static final int KEYS = 1000;

    /** Public so JSON-B can read it; ~200 bytes as JSON. */
    public record Load(String agentId, String status, int currentTasks, int maxConcurrentTasks, int availableSlots,
                       Long responseTimeMs, String lastHeartbeat, String agentType, String version) {
    }

    /** The annotated method whose hit path is measured. */
    public static class Lookups {
        @CacheResult(cacheName = "bench:loads", ttl = "10m")
        public Load load(String agentId) {
            throw new IllegalStateException("every key is preloaded: a load means a miss");
        }
    }

    private RedisServerProcess server;
    private UnifiedJedis redis;
    private UnifiedJedis plain;
    private RedisCache redisCache;
    private NamedCache named;
    private NamedCache nearNamed;
    private InvalidationListener listener;
    private ScheduledExecutorService heartbeats;
    private CacheInvocations invocations;
    private Method lookup;
    private CacheSettings settings;
    private final String[] keys = new String[KEYS];
    private final String[] rawKeys = new String[KEYS];
    private int next;

    @Setup(Level.Trial)
    public void start() throws Exception {
        server = RedisServerProcess.start();
        redis = RedisClientFactory.create(new RedisSettings(server.host(), server.port(), Optional.empty(), 0, 4,
                Duration.ofSeconds(2), Duration.ofSeconds(2), true));
        plain = RedisClient.builder().hostAndPort(server.host(), server.port()).build();
        ValueCodec codec = new ValueCodec();
        redisCache = new RedisCache(redis, "devcycle:bench:loads:", codec, 1 << 20);
        named = new NamedCache("bench:loads", "devcycle:", redis, codec, 1 << 20, AfterCommit.immediate(),
                new FailureLog(java.util.logging.Logger.getLogger("bench")));
        nearNamed = new NamedCache("bench:loads", "devcycle:", redis, codec, 1 << 20, AfterCommit.immediate(),
                new FailureLog(java.util.logging.Logger.getLogger("bench")));
        NearCache near = new NearCache(nearNamed.keyPrefix(), new NearCacheSettings(true, 10_000,
                Duration.ofMinutes(10)));
        nearNamed.useNearCache(near);
        heartbeats = Executors.newSingleThreadScheduledExecutor();
        listener = new InvalidationListener("bench:loads", near, new HostAndPort(server.host(), server.port()),
                RedisClientFactory.clientConfig(new RedisSettings(server.host(), server.port(), Optional.empty(), 0, 4,
                        Duration.ofSeconds(2), Duration.ofSeconds(2), true)),
                Duration.ofSeconds(1), Duration.ofSeconds(1), heartbeats).start();
        CacheConfig config = new CacheConfig(name -> Optional.empty());
        settings = config.settings("bench:loads", "10m", "");
        invocations = new CacheInvocations(name -> named, config::settings);
        lookup = Lookups.class.getMethod("load", String.class);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "agent-" + i;
            rawKeys[i] = named.redisKey(keys[i]);
            redisCache.set(keys[i], new Load(keys[i], "online", i % 5, 5, 5 - i % 5, 120L + i,
                    "2026-11-25T19:00:00Z", "developer", "1.4.2"), Duration.ofMinutes(30));
        }
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

    @TearDown(Level.Trial)
    public void stop() {
        listener.close();
        heartbeats.shutdownNow();
        plain.close();
        redis.close();
        server.close();
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

    @Benchmark
    public Object cacheResultHit() throws Exception {
        return invocations.result(lookup, new Object[] {keys[nextIndex()]}, () -> null);
    }

    @Benchmark
    public Object nearCacheHit() throws Exception {
        return nearNamed.get(keys[nextIndex()], Load.class, settings, () -> null);
    }

}
