package dev.devcycle.cache;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import dev.devcycle.cache.near.InvalidationListener;
import dev.devcycle.cache.near.NearCache;
import dev.devcycle.cache.near.NearCacheSettings;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.redis.RedisSecurity;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.redis.RedisTopology;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;

/**
 * The named caches of {@link CacheResult} and friends, for programmatic use: invalidations whose keys are only known
 * at run time, and statistics.
 *
 * <pre>{@code
 * @Inject NamedCaches caches;
 * caches.invalidate("agent:agents_by_capability", oldCapability);   // devcycle:agent:agents_by_capability:<cap>
 * }</pre>
 *
 * <p>Keys are rendered exactly as for the annotations ({@link CacheKeyRenderer}): no parts is the default key, one
 * part renders as a single {@link CacheKey} parameter would, several parts as a composite key. Invalidations follow
 * the active JTA transaction as the annotations do (after commit, never after a rollback).
 *
 * <p>A cache exists from the first time it is named, by an annotated method (registered at start-up) or here.
 */
@ApplicationScoped
public class NamedCaches {

    private static final Logger LOG = Logger.getLogger(NamedCaches.class.getName());
    private static final String MSG_NEAR_UNSUPPORTED = "Near cache of {0} not started: Redis mode {1} (the near cache"
            + " tracks invalidations of a standalone Redis only); the cache works without it";

    private final Map<String, NamedCache> caches = new ConcurrentHashMap<>();
    private final FailureLog failures = new FailureLog(LOG);

    @Inject
    UnifiedJedis redis;

    @Inject
    Config config;

    @Inject
    RedisCaches redisCaches;

    /** Looked up only when a near cache is configured, so containers without them need no Redis settings. */
    @Inject
    Instance<RedisSettings> redisSettings;

    @Inject
    Instance<RedisTopology> redisTopology;

    @Inject
    Instance<RedisSecurity> redisSecurity;

    private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService heartbeats;

    private CacheConfig cacheConfig;
    private String keyPrefix;
    private AfterCommit afterCommit;

    @PostConstruct
    void init() {
        cacheConfig = new CacheConfig(name -> config.getOptionalValue(name, String.class));
        keyPrefix = cacheConfig.keyPrefix();
        afterCommit = AfterCommit.fromEnvironment();
    }

    /** The cache of a name, created on first use. */
    public NamedCache cache(String cacheName) {
        requireName(cacheName);
        NamedCache cache = caches.get(cacheName);
        return cache != null ? cache : caches.computeIfAbsent(cacheName, this::create);
    }

    private NamedCache create(String name) {
        NamedCache cache = new NamedCache(name, keyPrefix, redis, redisCaches.codec(), redisCaches.maxValueBytes(),
                afterCommit, failures);
        int compressAbove = cacheConfig.compressAbove(name);
        if (compressAbove > 0) {
            cache.useCompression(compressAbove);
        }
        NearCacheSettings near = cacheConfig.nearCache(name);
        if (near.enabled()) {
            startNearCache(cache, near);
        }
        return cache;
    }

    private void startNearCache(NamedCache cache, NearCacheSettings settings) {
        RedisTopology topology = redisTopology.isResolvable() ? redisTopology.get() : RedisTopology.standalone();
        if (topology.mode() != RedisTopology.Mode.STANDALONE) {
            LOG.log(Level.WARNING, MSG_NEAR_UNSUPPORTED, new Object[] {cache.name(), topology.mode().label()});
            return;
        }
        RedisSettings redisConfig = redisSettings.get();
        RedisSecurity security = redisSecurity.isResolvable() ? redisSecurity.get() : RedisSecurity.none();
        NearCache near = new NearCache(cache.keyPrefix(), settings);
        cache.useNearCache(near);
        listeners.add(new InvalidationListener(cache.name(), near,
                new HostAndPort(redisConfig.host(), redisConfig.port()),
                RedisClientFactory.clientConfig(redisConfig, security), cacheConfig.nearCacheHeartbeat(),
                cacheConfig.nearCacheRetry(), heartbeats()).start());
    }

    private synchronized ScheduledExecutorService heartbeats() {
        if (heartbeats == null) {
            heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "devcycle-near-cache-heartbeat");
                t.setDaemon(true);
                return t;
            });
        }
        return heartbeats;
    }

    @PreDestroy
    synchronized void close() {
        listeners.forEach(InvalidationListener::close);
        listeners.clear();
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
    }

    /**
     * Removes the entry of a key, built from the parts as an annotated method's key would be. After the active
     * transaction commits; at once without one; never throws for a Redis failure.
     *
     * @throws IllegalArgumentException for a part of a type keys cannot contain
     */
    public void invalidate(String cacheName, Object... keyParts) {
        String key = CacheKeyRenderer.render(keyParts);
        cache(cacheName).invalidate(key);
    }

    /**
     * Removes every entry of a cache (SCAN + UNLINK).
     *
     * @return the number of Redis keys removed; 0 when deferred to the commit of the active transaction
     */
    public long invalidateAll(String cacheName) {
        return cache(cacheName).invalidateAll();
    }

    /** The names of the caches known so far, sorted. */
    public Collection<String> names() {
        return List.copyOf(new TreeMap<>(caches).keySet());
    }

    /** True when a cache of this name is known. */
    public boolean contains(String cacheName) {
        return cacheName != null && caches.containsKey(cacheName);
    }

    /** The statistics of a known cache. */
    public Optional<NamedCacheStatistics> statistics(String cacheName) {
        return Optional.ofNullable(cacheName == null ? null : caches.get(cacheName)).map(NamedCache::statistics);
    }

    /** The statistics of every known cache, by name, sorted. */
    public Map<String, NamedCacheStatistics> statistics() {
        Map<String, NamedCacheStatistics> all = new TreeMap<>();
        caches.forEach((name, cache) -> all.put(name, cache.statistics()));
        return all;
    }

    /**
     * The caches with invalidations this instance could not complete (Redis unreachable or refusing them), with how
     * many, after retrying them once; their entries are bypassed until a retry succeeds
     * ({@link NamedCache#pendingInvalidations()}).
     */
    public Map<String, Integer> pendingInvalidations() {
        Map<String, Integer> pending = new TreeMap<>();
        caches.forEach((name, cache) -> {
            cache.retryPendingInvalidations();
            int n = cache.pendingInvalidations();
            if (n > 0) {
                pending.put(name, n);
            }
        });
        return pending;
    }

    /** The settings a method gets: per-cache configuration, then the annotation's values, then global defaults. */
    public CacheSettings settings(String cacheName, String annotationTtl, String annotationNegativeTtl) {
        return cacheConfig.settings(cacheName, annotationTtl, annotationNegativeTtl);
    }

    /** The prefix of every cache's keys ({@code cache.key-prefix}, default {@code devcycle:}). */
    public String keyPrefix() {
        return keyPrefix;
    }

    private static void requireName(String cacheName) {
        if (cacheName == null || cacheName.isBlank()) {
            throw new IllegalArgumentException("cache name must not be empty");
        }
    }
}
