package dev.devcycle.cache;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.Config;

import dev.devcycle.cache.internal.CacheConfig;
import dev.devcycle.redis.internal.MicroProfileSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;

/**
 * The application's {@link RedisCache}s, one per namespace, and the CDI producers behind {@code @Inject RedisCache}
 * (namespace {@code cache.default-namespace}, default {@value RedisCache#DEFAULT_NAMESPACE}) and
 * {@code @Inject @CacheNamespace("...") RedisCache}. Every injection of the same namespace gets the same
 * instance, so statistics are per namespace. Inject this class for namespaces known only at run time:
 * {@code redisCaches.cache("tenant:" + id + ":")}.
 */
@ApplicationScoped
public class RedisCaches {

    /** Largest encoded value stored, in bytes ({@code CACHE_MAX_VALUE_BYTES}, default 1 MiB); Redis allows 512 MB. */
    public static final String MAX_VALUE_BYTES = CacheConfig.MAX_VALUE_BYTES;

    private final Map<String, RedisCache> caches = new ConcurrentHashMap<>();
    private final ValueCodec codec = new ValueCodec();

    @Inject
    UnifiedJedis redis;

    @Inject
    Config config;

    private long maxValueBytes;
    private String defaultNamespace;

    @PostConstruct
    void init() {
        CacheConfig cacheConfig = new CacheConfig(MicroProfileSettings.of(config));
        maxValueBytes = cacheConfig.maxValueBytes();
        defaultNamespace = cacheConfig.defaultNamespace(RedisCache.DEFAULT_NAMESPACE);
    }

    /** The cache of a namespace (a key prefix, not empty), created on first use. */
    public RedisCache cache(String namespace) {
        return caches.computeIfAbsent(namespace, ns -> new RedisCache(redis, ns, codec, maxValueBytes));
    }

    /** The caches used so far. */
    public Collection<RedisCache> all() {
        return List.copyOf(caches.values());
    }

    /** The unqualified cache: namespace {@code cache.default-namespace}, by default {@value RedisCache#DEFAULT_NAMESPACE}. */
    @Produces
    @Default
    RedisCache defaultCache() {
        return cache(defaultNamespace);
    }

    @Produces
    @CacheNamespace("")
    RedisCache namedCache(InjectionPoint injectionPoint) {
        CacheNamespace qualifier = injectionPoint.getQualifiers().stream()
                .filter(CacheNamespace.class::isInstance).map(CacheNamespace.class::cast).findFirst()
                .orElseThrow();
        return cache(qualifier.value());
    }
}
