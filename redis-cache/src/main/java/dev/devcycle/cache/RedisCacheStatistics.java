package dev.devcycle.cache;

import java.util.concurrent.atomic.LongAdder;

/**
 * Hit, miss and error counters of one {@link RedisCache} namespace in this JVM, cumulative since start; cheap to
 * update from many threads.
 */
public final class RedisCacheStatistics {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder errors = new LongAdder();

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    void error() {
        errors.increment();
    }

    /** Lookups that found a value. */
    public long hits() {
        return hits.sum();
    }

    /** Lookups that found nothing (absent, unreadable, or Redis failing). */
    public long misses() {
        return misses.sum();
    }

    /** Operations that failed for Redis (connection, timeout, error reply). */
    public long errors() {
        return errors.sum();
    }

    /** Hits over lookups, 0.0 before the first lookup. */
    public double hitRatio() {
        long h = hits();
        long total = h + misses();
        return total == 0 ? 0.0 : (double) h / total;
    }
}
