package dev.devcycle.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import dev.devcycle.cache.near.NearCache;

/**
 * Counters of one annotated cache in this JVM (this instance only; other instances count their own).
 *
 * <ul>
 * <li>hits / misses: lookups answered from Redis / not (a Redis error is a miss, and an error);</li>
 * <li>loads, load time total and max: calls of the cached method made by the caching layer;</li>
 * <li>errors: Redis commands that failed or timed out;</li>
 * <li>suppressed loads: callers that got another caller's result instead of loading themselves (stampede
 * protection, in this JVM or through another instance's lease);</li>
 * <li>invalidations: keys and whole-cache invalidations requested;</li>
 * <li>near cache (when {@code cache.<name>.near-cache=true}): {@code near_hits} (also counted in hits),
 * {@code near_misses}, {@code near_invalidations} (entries removed because Redis or this instance reported their key
 * modified), {@code near_flushes} (connection losses, flushes), {@code near_size}, and {@code near_cache}:
 * {@code off}, {@code tracking}, or {@code bypassed} (no invalidation connection: every read goes to Redis).</li>
 * </ul>
 */
public final class NamedCacheStatistics {

    private final String name;
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
    private volatile NearCache near;

    NamedCacheStatistics(String name) {
        this.name = name;
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

    /**
     * Sets the one listener told each load's duration in nanoseconds (metrics use it for a histogram); it runs on
     * the loading thread, so it must be quick and must not throw. A later call replaces the listener.
     */
    public void onLoad(LongConsumer listener) {
        this.loadListener = java.util.Objects.requireNonNull(listener, "listener");
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

    /** Lookups answered by the near cache (0 without one). */
    public long nearHits() {
        NearCache n = near;
        return n == null ? 0 : n.hits();
    }

    public long nearMisses() {
        NearCache n = near;
        return n == null ? 0 : n.misses();
    }

    /** Near-cache entries removed because Redis or this instance reported their key modified. */
    public long nearInvalidations() {
        NearCache n = near;
        return n == null ? 0 : n.invalidations();
    }

    void nearCache(NearCache nearCache) {
        this.near = nearCache;
    }

    public String name() {
        return name;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long loads() {
        return loads.sum();
    }

    public long loadTimeTotalMillis() {
        return TimeUnit.NANOSECONDS.toMillis(loadNanos.sum());
    }

    public long loadTimeMaxMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxLoadNanos.get());
    }

    public long errors() {
        return errors.sum();
    }

    public long suppressedLoads() {
        return suppressedLoads.sum();
    }

    public long invalidations() {
        return invalidations.sum();
    }

    /** Hits over lookups, 0.0 before the first lookup. */
    public double hitRatio() {
        long h = hits();
        long total = h + misses();
        return total == 0 ? 0.0 : (double) h / total;
    }

    /** The counters with snake_case names, as the REST API shows them. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("hits", hits());
        map.put("misses", misses());
        map.put("hit_ratio", hitRatio());
        map.put("loads", loads());
        map.put("load_time_total_ms", loadTimeTotalMillis());
        map.put("load_time_max_ms", loadTimeMaxMillis());
        map.put("errors", errors());
        map.put("suppressed_loads", suppressedLoads());
        map.put("invalidations", invalidations());
        NearCache n = near;
        map.put("near_cache", n == null ? "off" : n.tracking() ? "tracking" : "bypassed");
        map.put("near_hits", nearHits());
        map.put("near_misses", nearMisses());
        map.put("near_invalidations", nearInvalidations());
        map.put("near_flushes", n == null ? 0L : n.flushes());
        map.put("near_size", n == null ? 0L : n.size());
        return map;
    }
}
