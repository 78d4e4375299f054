package dev.devcycle.cache.internal.near;

import java.time.Duration;

/**
 * The near-cache configuration of one named cache ({@code cache.<name>.near-cache}, {@code .near-cache-max-entries},
 * {@code .near-cache-ttl}).
 *
 * @param enabled    true: an in-process tier in front of Redis, kept coherent by Redis invalidation messages
 * @param maxEntries the most entries kept in this JVM (least recently/frequently used go first)
 * @param ttl        the longest an entry stays in this JVM after it was read from Redis; bounds the damage of an
 *                   invalidation that is lost without the connection being seen to fail
 */
public record NearCacheSettings(boolean enabled, long maxEntries, Duration ttl) {

    public static final long DEFAULT_MAX_ENTRIES = 10_000;
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

    public NearCacheSettings {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("near-cache max entries must be at least 1: " + maxEntries);
        }
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("near-cache TTL must be positive: " + ttl);
        }
    }

    public static NearCacheSettings disabled() {
        return new NearCacheSettings(false, DEFAULT_MAX_ENTRIES, DEFAULT_TTL);
    }
}
