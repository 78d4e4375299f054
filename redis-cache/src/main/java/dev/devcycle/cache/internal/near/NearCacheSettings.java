package dev.devcycle.cache.internal.near;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The near-cache configuration of one named cache ({@code cache.<name>.near-cache}, {@code .near-cache-max-entries},
 * {@code .near-cache-ttl}).
 *
 * @param enabled    true: an in-process tier in front of Redis, kept coherent by Redis invalidation messages
 * @param maxEntries the most entries kept in this JVM (least recently/frequently used go first)
 * @param ttl        the longest an entry stays in this JVM after it was read from Redis; bounds the damage of an
 *                   invalidation that is lost without the connection being seen to fail
 * @param jitterPercent 0-100: each entry's TTL is shortened by a random part of up to this percentage (the cache's
 *                   {@code jitter}, as for its Redis TTLs), so a hot set read in one burst (a cold start, a flush) does
 *                   not leave this JVM in one instant and send all its reads to Redis at once, every TTL
 */
public record NearCacheSettings(boolean enabled, long maxEntries, Duration ttl, int jitterPercent) {

    public static final long DEFAULT_MAX_ENTRIES = 10_000;
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

    public NearCacheSettings {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("near-cache max entries must be at least 1: " + maxEntries);
        }
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("near-cache TTL must be positive: " + ttl);
        }
        if (jitterPercent < 0 || jitterPercent > 100) {
            throw new IllegalArgumentException("jitter must be between 0 and 100 percent: " + jitterPercent);
        }
    }

    public static NearCacheSettings disabled() {
        return new NearCacheSettings(false, DEFAULT_MAX_ENTRIES, DEFAULT_TTL, 0);
    }

    /** The TTL of one entry: {@link #ttl} less a random part of up to {@link #jitterPercent} percent, at least 1 ns. */
    public long ttlNanosWithJitter() {
        long nanos = ttl.toNanos();
        long band = nanos / 100 * jitterPercent;
        long cut = band <= 0 ? 0 : ThreadLocalRandom.current().nextLong(band + 1);
        return Math.max(1, nanos - cut);
    }
}
