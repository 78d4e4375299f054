package dev.devcycle.cache.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How one cached method uses its cache, resolved once from configuration and the annotation.
 *
 * @param ttl           time to live of a stored value
 * @param jitterPercent 0-100: each stored TTL is shortened by a random part of up to this percentage, so entries
 *                      written together do not expire together
 * @param negativeTtl   time to live of a cached {@code null}; empty: nulls are not cached
 * @param enabled       false: the method always runs and nothing is read or stored
 * @param lockWait      how long a caller waits for another caller's load of the same key before loading itself
 */
public record CacheSettings(Duration ttl, int jitterPercent, Optional<Duration> negativeTtl, boolean enabled,
                            Duration lockWait) {

    public CacheSettings {
        if (jitterPercent < 0 || jitterPercent > 100) {
            throw new IllegalArgumentException("jitter must be between 0 and 100 percent: " + jitterPercent);
        }
        negativeTtl = negativeTtl == null ? Optional.empty() : negativeTtl;
    }

    /** The TTL of one store: {@link #ttl} less a random part of up to {@link #jitterPercent} percent, at least 1 ms. */
    public long ttlMillisWithJitter() {
        long millis = ttl.toMillis();
        if (jitterPercent == 0) {
            return Math.max(1, millis);
        }
        long band = millis * jitterPercent / 100;
        long cut = band <= 0 ? 0 : ThreadLocalRandom.current().nextLong(band + 1);
        return Math.max(1, millis - cut);
    }
}
