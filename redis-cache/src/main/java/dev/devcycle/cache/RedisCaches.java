package dev.devcycle.cache;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;

/**
 * The application's caches, one per namespace, and the CDI producers behind {@code @Inject RedisCache} and
 * {@code @Inject @CacheNamespace("...") RedisCache}. Every injection of the same namespace gets the same instance,
 * so statistics are per namespace.
 */
@ApplicationScoped
public class RedisCaches {

    /** Largest encoded value stored, in bytes ({@code CACHE_MAX_VALUE_BYTES}); Redis itself allows 512 MB. */
    public static final String MAX_VALUE_BYTES = "cache.max.value.bytes";

    private final Map<String, RedisCache> caches = new ConcurrentHashMap<>();
    private final ValueCodec codec = new ValueCodec();

    @Inject
    UnifiedJedis redis;

    @Inject
    @ConfigProperty(name = MAX_VALUE_BYTES, defaultValue = "1048576")
    long maxValueBytes;

    /** The cache of a namespace, created on first use. */
    public RedisCache cache(String namespace) {
        return caches.computeIfAbsent(namespace, ns -> new RedisCache(redis, ns, codec, maxValueBytes));
    }

    /** The caches used so far. */
    public Collection<RedisCache> all() {
        return caches.values();
    }

    /** The largest encoded value, in bytes, a cache stores. */
    public long maxValueBytes() {
        return maxValueBytes;
    }

    /** The value encoding shared by all caches. */
    public ValueCodec codec() {
        return codec;
    }

    @Produces
    @Default
    RedisCache defaultCache() {
        return cache(RedisCache.DEFAULT_NAMESPACE);
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
