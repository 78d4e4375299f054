package dev.devcycle.cache.internal;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import dev.devcycle.cache.DeclarativeCacheStatistics;
import dev.devcycle.cache.internal.near.NearCache;

/** The counters of one declarative cache, cheap to update from many threads. */
public final class CacheCounters implements DeclarativeCacheStatistics {

    private final String name;
    private final NearCache near;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAccumulator maxLoadNanos = new LongAccumulator(Math::max, 0);
    private final LongAdder errors = new LongAdder();
    private final LongAdder suppressedLoads = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    /** Sees every load's duration, so a histogram can be fed; counters alone lose the distribution. */
    private volatile LongConsumer loadListener = nanos -> { };

    /** @param near the cache's near cache, whose own counters are reported here; {@code null} without one */
    CacheCounters(String name, NearCache near) {
        this.name = name;
        this.near = near;
    }

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    void load(long nanos) {
        loads.increment();
        loadNanos.add(nanos);
        maxLoadNanos.accumulate(nanos);
        loadListener.accept(nanos);
    }

    void error() {
        errors.increment();
    }

    void suppressedLoad() {
        suppressedLoads.increment();
    }

    void invalidation() {
        invalidations.increment();
    }

    @Override
    public void onLoad(LongConsumer listener) {
        this.loadListener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long hits() {
        return hits.sum();
    }

    @Override
    public long misses() {
        return misses.sum();
    }

    @Override
    public double hitRatio() {
        long h = hits();
        long total = h + misses();
        return total == 0 ? 0.0 : (double) h / total;
    }

    @Override
    public long loads() {
        return loads.sum();
    }

    @Override
    public long loadTimeTotalMillis() {
        return TimeUnit.NANOSECONDS.toMillis(loadNanos.sum());
    }

    @Override
    public long loadTimeMaxMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxLoadNanos.get());
    }

    @Override
    public long errors() {
        return errors.sum();
    }

    @Override
    public long suppressedLoads() {
        return suppressedLoads.sum();
    }

    @Override
    public long invalidations() {
        return invalidations.sum();
    }

    @Override
    public NearCacheState nearCacheState() {
        return near == null ? NearCacheState.OFF : near.tracking() ? NearCacheState.TRACKING : NearCacheState.BYPASSED;
    }

    @Override
    public long nearHits() {
        return near == null ? 0 : near.hits();
    }

    @Override
    public long nearMisses() {
        return near == null ? 0 : near.misses();
    }

    @Override
    public long nearInvalidations() {
        return near == null ? 0 : near.invalidations();
    }

    @Override
    public long nearFlushes() {
        return near == null ? 0 : near.flushes();
    }

    @Override
    public long nearSize() {
        return near == null ? 0 : near.size();
    }
}
