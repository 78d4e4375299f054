package dev.devcycle.jcache;

import java.util.concurrent.atomic.LongAdder;

import javax.cache.management.CacheStatisticsMXBean;

/**
 * The statistics of one cache object, counted in this JVM as the spec defines them (what this instance did; another
 * instance sharing the Redis keys has its own). Evictions stay 0: Redis evicts (maxmemory) without telling the
 * client, and an entry expired by its TTL is not an eviction.
 */
final class CacheStatisticsBean implements CacheStatisticsMXBean {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder removals = new LongAdder();
    private final LongAdder getNanos = new LongAdder();
    private final LongAdder putNanos = new LongAdder();
    private final LongAdder removeNanos = new LongAdder();

    void hit() {
        hits.increment();
    }

    void hits(long n) {
        hits.add(n);
    }

    void miss() {
        misses.increment();
    }

    void put() {
        puts.increment();
    }

    void puts(long n) {
        puts.add(n);
    }

    void removal() {
        removals.increment();
    }

    void removals(long n) {
        removals.add(n);
    }

    void getTime(long startNanos) {
        getNanos.add(System.nanoTime() - startNanos);
    }

    void putTime(long startNanos) {
        putNanos.add(System.nanoTime() - startNanos);
    }

    void removeTime(long startNanos) {
        removeNanos.add(System.nanoTime() - startNanos);
    }

    @Override
    public void clear() {
        hits.reset();
        misses.reset();
        puts.reset();
        removals.reset();
        getNanos.reset();
        putNanos.reset();
        removeNanos.reset();
    }

    @Override
    public long getCacheHits() {
        return hits.sum();
    }

    @Override
    public float getCacheHitPercentage() {
        return percent(hits.sum(), misses.sum());
    }

    @Override
    public long getCacheMisses() {
        return misses.sum();
    }

    @Override
    public float getCacheMissPercentage() {
        return percent(misses.sum(), hits.sum());
    }

    private static float percent(long part, long rest) {
        long total = part + rest;
        return total == 0 ? 0 : (float) part / total * 100.0f;
    }

    @Override
    public long getCacheGets() {
        return hits.sum() + misses.sum();
    }

    @Override
    public long getCachePuts() {
        return puts.sum();
    }

    @Override
    public long getCacheRemovals() {
        return removals.sum();
    }

    @Override
    public long getCacheEvictions() {
        return 0;
    }

    @Override
    public float getAverageGetTime() {
        return average(getNanos.sum(), getCacheGets());
    }

    @Override
    public float getAveragePutTime() {
        return average(putNanos.sum(), getCachePuts());
    }

    @Override
    public float getAverageRemoveTime() {
        return average(removeNanos.sum(), getCacheRemovals());
    }

    /** Microseconds, as the spec's MXBean reports them. */
    private static float average(long nanos, long count) {
        return count == 0 ? 0 : (float) nanos / count / 1000.0f;
    }
}
