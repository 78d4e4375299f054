package dev.devcycle.cache;

import java.util.function.LongConsumer;

/**
 * Counters of one declarative cache in this JVM (this instance only; other instances count their own), cumulative
 * since start.
 *
 * <ul>
 * <li>hits / misses: lookups answered from Redis or the near cache / not (a Redis error is a miss, and an error);</li>
 * <li>loads, load time total and max: calls of the cached method made by the caching layer;</li>
 * <li>errors: Redis commands that failed or timed out;</li>
 * <li>suppressed loads: callers that got another caller's result instead of loading themselves (stampede
 * protection, in this JVM or through another instance's lease);</li>
 * <li>invalidations: keys and whole-cache invalidations requested;</li>
 * <li>near cache (when {@code cache.<name>.near-cache=true}): near hits (also counted in hits), near misses, near
 * invalidations (entries removed because Redis or this instance reported their key modified), near flushes
 * (connection losses, flushes), near size, and its {@link #nearCacheState() state}.</li>
 * </ul>
 */
public interface DeclarativeCacheStatistics {

    /** Whether the near cache serves reads. */
    enum NearCacheState {
        /** No near cache configured. */
        OFF,
        /** Invalidations are tracked: reads are served in process. */
        TRACKING,
        /** No invalidation connection: every read goes to Redis until tracking is back. */
        BYPASSED
    }

    /** The cache's name, as in {@code @CacheResult(cacheName = ...)}. */
    String name();

    long hits();

    long misses();

    /** Hits over lookups, 0.0 before the first lookup. */
    double hitRatio();

    long loads();

    long loadTimeTotalMillis();

    long loadTimeMaxMillis();

    long errors();

    long suppressedLoads();

    long invalidations();

    NearCacheState nearCacheState();

    /** Lookups answered by the near cache (0 without one). */
    long nearHits();

    long nearMisses();

    /** Near-cache entries removed because Redis or this instance reported their key modified. */
    long nearInvalidations();

    /** Whole flushes of the near cache: connection losses, FLUSHALL/FLUSHDB, invalidate-all. */
    long nearFlushes();

    /** Entries in the near cache now (an estimate). */
    long nearSize();

    /**
     * Sets the one listener told each load's duration in nanoseconds (the module's metrics use it for a histogram);
     * it runs on the loading thread, so it must be quick and must not throw. A later call replaces the listener.
     */
    void onLoad(LongConsumer listener);
}
