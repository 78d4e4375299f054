package dev.devcycle.cache;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * One cache of the caching annotations ({@link CacheResult} and friends), for the work an annotated method cannot do:
 * reading many keys at once, filling the cache in bulk, invalidating keys known only at run time. Obtain it from
 * {@link DeclarativeCaches#cache(String, Class)}; its value type, TTLs and settings are bound once — from the
 * configuration ({@code cache.<name>.*}) and the {@code @CacheResult} method that declares the cache — so a caller
 * never restates them.
 *
 * <pre>{@code
 * DeclarativeCache<Boolean> availability = caches.cache("agent:availability", Boolean.class);
 * Map<String, Boolean> known = availability.getAllPresent(agentIds);       // one MGET; hits only
 * availability.loadAll(agentIds, ids -> repository.availabilityOf(ids));  // one MGET, one pipeline
 * availability.invalidate("agent-7");                                     // devcycle:agent:availability:agent-7
 * }</pre>
 *
 * <p><b>Keys.</b> A key is given as its parts and rendered exactly as an annotated method's key
 * ({@link CacheResult}'s key rules): one part as a single {@link CacheKey} argument would be, several parts as a
 * composite key. In the bulk methods each element is the key of one entry (use a record for a key of several parts,
 * which renders as its components). A caller can never skip the escaping.
 *
 * <p><b>Failure.</b> As the annotations: fail-open (a Redis error reads as a miss and stores nothing) and race-safe
 * (a bulk load never undoes an invalidation that happened while it ran).
 *
 * @param <V> the type the cache's values are read as
 */
public interface DeclarativeCache<V> {

    /** The cache's name. */
    String name();

    /** The Redis key of the entry of these key parts ({@code <prefix><name>:<rendered key>}). */
    String redisKey(Object... keyParts);

    /**
     * The cached values of many keys, with one round trip (the near cache first, when the cache has one). Only hits
     * are in the result, in the order of the keys; a cached {@code null} (negative caching) is a {@code null} value.
     * A Redis failure gives the near-cache hits only. Misses are the caller's to load, typically through the
     * annotated method.
     */
    <K> Map<K, V> getAllPresent(Collection<K> keys);

    /**
     * Loads many keys with one call of a bulk loader and stores the values with two round trips in all. The
     * generations of every key are read before the loader runs, and a value is stored only if its key (and the
     * cache) was not invalidated meanwhile. No lease: for warming and bulk refreshes.
     *
     * @param bulkLoader the values of the keys it is given; a key absent from its result is not stored, a
     *                   {@code null} value is stored as a negative entry when the cache keeps them
     * @return the number of entries stored; 0 when Redis fails or the cache is disabled
     */
    <K> int loadAll(Collection<K> keys, Function<Collection<K>, Map<K, ? extends V>> bulkLoader);

    /**
     * Removes the entry of these key parts after the active JTA transaction commits (never after a rollback; at once
     * without one). A load of the key already in flight will not store its result. Never throws for Redis.
     */
    void invalidate(Object... keyParts);

    /**
     * Removes every entry (SCAN + UNLINK), as {@link CacheInvalidateAll}.
     *
     * @return the number of Redis keys removed; 0 when deferred to the commit of the active transaction
     */
    long invalidateAll();

    /** This instance's counters of the cache. */
    DeclarativeCacheStatistics statistics();

    /**
     * Whether the application asked for this cache to be filled at start-up ({@code cache.<name>.warm-on-start},
     * default false). The module does not warm by itself (it cannot know the data); an application's warmer reads this
     * and calls {@link #loadAll}.
     */
    boolean warmOnStart();
}
