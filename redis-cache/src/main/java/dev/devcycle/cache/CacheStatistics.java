package dev.devcycle.cache;

import java.util.concurrent.atomic.LongAdder;

/** Hit, miss and error counters of one namespace in this JVM; cheap to update from many threads. */
public final class CacheStatistics {

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

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

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
