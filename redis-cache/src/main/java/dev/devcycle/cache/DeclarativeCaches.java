package dev.devcycle.cache;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.util.TypeLiteral;

/**
 * The caches of {@link CacheResult} and friends, for programmatic use: invalidations whose keys are only known at run
 * time, bulk reads and loads ({@link DeclarativeCache}), statistics. Inject it:
 *
 * <pre>{@code
 * @Inject DeclarativeCaches caches;
 * caches.invalidate("agent:agents_by_capability", oldCapability);   // devcycle:agent:agents_by_capability:<cap>
 * DeclarativeCache<List<String>> lists = caches.cache("agent:capabilities", new TypeLiteral<List<String>>() { });
 * }</pre>
 *
 * <p>How they differ from {@link RedisCache}: a {@code RedisCache} is a key-value store over a namespace — the caller
 * picks each key and TTL, as the Python services' {@code RedisCache} does. A declarative cache renders its keys from
 * method arguments, binds TTLs and settings per cache, and adds what read-through caching needs: one load per key
 * under concurrency (in this JVM and across instances), invalidations that a concurrent stale load cannot undo and
 * that follow the JTA transaction, an optional near cache.
 *
 * <p>Keys are rendered exactly as for the annotations ({@link CacheResult}'s key rules). A cache exists from the first
 * time it is named, by an annotated method (registered at start-up) or here.
 */
public interface DeclarativeCaches {

    /**
     * A cache's handle with its values read as a class.
     *
     * @throws IllegalArgumentException when a {@code @CacheResult} method declares the cache with another value type
     * @throws IllegalStateException    when its {@code @CacheResult} methods declare different TTLs, so none is the
     *                                  cache's
     */
    <V> DeclarativeCache<V> cache(String cacheName, Class<V> valueType);

    /** As {@link #cache(String, Class)} for a generic value type, e.g. {@code new TypeLiteral<List<String>>() {}}. */
    <V> DeclarativeCache<V> cache(String cacheName, TypeLiteral<V> valueType);

    /**
     * Removes the entry of a key, built from the parts as an annotated method's key would be. After the active
     * transaction commits; at once without one; never throws for a Redis failure.
     *
     * @throws IllegalArgumentException for a part of a type keys cannot contain
     */
    void invalidate(String cacheName, Object... keyParts);

    /**
     * Removes every entry of a cache (SCAN + UNLINK).
     *
     * @return the number of Redis keys removed; 0 when deferred to the commit of the active transaction
     */
    long invalidateAll(String cacheName);

    /** The Redis key of a cache's entry for these key parts. */
    String redisKey(String cacheName, Object... keyParts);

    /** The names of the caches known so far, sorted. */
    Collection<String> names();

    /** True when a cache of this name is known. */
    boolean contains(String cacheName);

    /** The statistics of a known cache. */
    Optional<DeclarativeCacheStatistics> statistics(String cacheName);

    /** The statistics of every known cache, by name, sorted. */
    Map<String, DeclarativeCacheStatistics> statistics();

    /** The prefix of every cache's keys ({@code cache.key-prefix}, default {@code devcycle:}). */
    String keyPrefix();
}
