package dev.devcycle.cache.internal;

import java.lang.reflect.Type;
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

import dev.devcycle.cache.DeclarativeCache;
import dev.devcycle.cache.DeclarativeCacheStatistics;
import dev.devcycle.cache.DeclarativeCaches;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.cache.internal.near.InvalidationListener;
import dev.devcycle.cache.internal.near.NearCache;
import dev.devcycle.cache.internal.near.NearCacheSettings;
import dev.devcycle.redis.FailureLog;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.redis.RedisSecurity;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.redis.RedisTopology;
import dev.devcycle.redis.internal.MicroProfileSettings;
import dev.devcycle.redis.internal.ReadinessContributor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;

/**
 * The application's declarative caches: the bean behind {@code @Inject DeclarativeCaches}, and the caches'
 * {@link ReadThroughCache}s for the interceptors. A cache is created on first use, with its compression and near
 * cache as configured.
 */
@ApplicationScoped
public class CacheRegistry implements DeclarativeCaches, ReadinessContributor {

    private static final Logger LOG = Logger.getLogger(CacheRegistry.class.getName());
    private static final String MSG_NEAR_UNSUPPORTED = "Near cache of {0} not started: Redis mode {1} (the near cache"
            + " tracks invalidations of a standalone Redis only); the cache works without it";
    static final String MSG_PENDING_INVALIDATIONS = "Some cache invalidations could not be completed in Redis: this "
            + "instance bypasses those entries and retries; other instances may serve them until their TTL";

    private final Map<String, ReadThroughCache> caches = new ConcurrentHashMap<>();
    private final FailureLog failures = new FailureLog(LOG);

    @Inject
    UnifiedJedis redis;

    @Inject
    Config config;

    /** Looked up only when a near cache is configured, so containers without them need no Redis settings. */
    @Inject
    Instance<RedisSettings> redisSettings;

    @Inject
    Instance<RedisTopology> redisTopology;

    @Inject
    Instance<RedisSecurity> redisSecurity;

    /** The {@code @CacheResult} methods found at deployment (the annotation extension). */
    @Inject
    Instance<CacheDeclarations> declarations;

    private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService heartbeats;

    private CacheConfig cacheConfig;
    private String keyPrefix;
    private AfterCommit afterCommit;
    private StoredValues values;

    @PostConstruct
    void init() {
        cacheConfig = new CacheConfig(MicroProfileSettings.of(config));
        keyPrefix = cacheConfig.keyPrefix();
        afterCommit = AfterCommit.fromEnvironment();
        values = new StoredValues(new ValueCodec(), cacheConfig.maxValueBytes(), failures);
    }

    /** The cache of a name, created on first use. */
    public ReadThroughCache readThrough(String cacheName) {
        requireName(cacheName);
        ReadThroughCache cache = caches.get(cacheName);
        return cache != null ? cache : caches.computeIfAbsent(cacheName, this::create);
    }

    private ReadThroughCache create(String name) {
        int compressAbove = cacheConfig.compressAbove(name);
        StoredValues cacheValues = compressAbove > 0 ? values.withCompression(compressAbove) : values;
        NearCacheSettings nearSettings = cacheConfig.nearCache(name);
        NearCache near = nearSettings.enabled() ? startNearCache(name, nearSettings) : null;
        return new ReadThroughCache(name, keyPrefix, redis, cacheValues, afterCommit, failures, near);
    }

    private NearCache startNearCache(String name, NearCacheSettings settings) {
        RedisTopology topology = redisTopology.isResolvable() ? redisTopology.get() : RedisTopology.standalone();
        if (topology.mode() != RedisTopology.Mode.STANDALONE) {
            LOG.log(Level.WARNING, MSG_NEAR_UNSUPPORTED, new Object[] {name, topology.mode().label()});
            return null;
        }
        RedisSettings redisConfig = redisSettings.get();
        RedisSecurity security = redisSecurity.isResolvable() ? redisSecurity.get() : RedisSecurity.none();
        NearCache near = new NearCache(keyPrefix + name + CacheKeyRenderer.SEPARATOR, settings);
        listeners.add(new InvalidationListener(name, near, new HostAndPort(redisConfig.host(), redisConfig.port()),
                RedisClientFactory.clientConfig(redisConfig, security), cacheConfig.nearCacheHeartbeat(),
                cacheConfig.nearCacheRetry(), heartbeats()).start());
        return near;
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

    @Override
    public <V> DeclarativeCache<V> cache(String cacheName, Class<V> valueType) {
        return bind(cacheName, valueType);
    }

    @Override
    public <V> DeclarativeCache<V> cache(String cacheName, TypeLiteral<V> valueType) {
        return bind(cacheName, valueType.getType());
    }

    private <V> DeclarativeCache<V> bind(String cacheName, Type valueType) {
        requireName(cacheName);
        List<CacheDeclarations.Declaration> declared = declarations.isResolvable()
                ? declarations.get().of(cacheName) : List.of();
        for (CacheDeclarations.Declaration d : declared) {
            if (!StoredValues.boxed(d.valueType()).equals(StoredValues.boxed(valueType))) {
                throw new IllegalArgumentException("cache " + cacheName + " holds " + d.valueType().getTypeName()
                        + " (" + d.method() + "), not " + valueType.getTypeName());
            }
        }
        String ttl = "";
        String negativeTtl = "";
        if (!declared.isEmpty()) {
            CacheDeclarations.Declaration first = declared.get(0);
            for (CacheDeclarations.Declaration d : declared) {
                if (!d.ttl().equals(first.ttl()) || !d.negativeTtl().equals(first.negativeTtl())) {
                    throw new IllegalStateException("cache " + cacheName + " has no TTL of its own: " + first.method()
                            + " and " + d.method() + " declare different ones; configure cache." + cacheName
                            + ".ttl or make them agree");
                }
            }
            ttl = first.ttl();
            negativeTtl = first.negativeTtl();
        }
        return new BoundCache<>(readThrough(cacheName), valueType, settings(cacheName, ttl, negativeTtl),
                cacheConfig.warmOnStart(cacheName));
    }

    @Override
    public void invalidate(String cacheName, Object... keyParts) {
        String key = CacheKeyRenderer.render(keyParts);
        readThrough(cacheName).invalidate(key);
    }

    @Override
    public long invalidateAll(String cacheName) {
        return readThrough(cacheName).invalidateAll();
    }

    @Override
    public String redisKey(String cacheName, Object... keyParts) {
        return readThrough(cacheName).redisKey(CacheKeyRenderer.render(keyParts));
    }

    @Override
    public Collection<String> names() {
        return List.copyOf(new TreeMap<>(caches).keySet());
    }

    @Override
    public boolean contains(String cacheName) {
        return cacheName != null && caches.containsKey(cacheName);
    }

    @Override
    public Optional<DeclarativeCacheStatistics> statistics(String cacheName) {
        return Optional.ofNullable(cacheName == null ? null : caches.get(cacheName)).map(ReadThroughCache::statistics);
    }

    @Override
    public Map<String, DeclarativeCacheStatistics> statistics() {
        Map<String, DeclarativeCacheStatistics> all = new TreeMap<>();
        caches.forEach((name, cache) -> all.put(name, cache.statistics()));
        return all;
    }

    /**
     * The caches with invalidations this instance could not complete (Redis unreachable or refusing them), with how
     * many, after retrying them once; their entries are bypassed until a retry succeeds
     * ({@link ReadThroughCache#pendingInvalidations()}).
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

    /**
     * Readiness stays UP while invalidations are pending (the database answers), the data says why: this instance
     * bypasses those entries, but another instance may still serve them until their TTL.
     */
    @Override
    public Map<String, String> readinessData() {
        Map<String, Integer> pending = pendingInvalidations();
        return pending.isEmpty() ? Map.of()
                : Map.of("pending_invalidations", pending.toString(), "warning", MSG_PENDING_INVALIDATIONS);
    }

    /** The settings a method gets: per-cache configuration, then the annotation's values, then global defaults. */
    public CacheSettings settings(String cacheName, String annotationTtl, String annotationNegativeTtl) {
        return cacheConfig.settings(cacheName, annotationTtl, annotationNegativeTtl);
    }

    @Override
    public String keyPrefix() {
        return keyPrefix;
    }

    private static void requireName(String cacheName) {
        if (cacheName == null || cacheName.isBlank()) {
            throw new IllegalArgumentException("cache name must not be empty");
        }
    }
}
