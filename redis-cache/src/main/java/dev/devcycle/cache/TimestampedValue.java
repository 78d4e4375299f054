package dev.devcycle.cache;

import java.time.Instant;
import java.util.Optional;

/**
 * A cached value that says when it was computed, as the entries of the original Python services do with their
 * {@code last_check}. Those services judge an entry by that time, not only by its Redis TTL: it is fresh while younger
 * than the cache's TTL. A declarative cache ({@link DeclarativeCache}, and an annotated method's cache) reading such a value applies the same rule: an older
 * one is a miss, loaded again and replaced like an entry it cannot read. ({@link RedisCache} takes a TTL per call, so
 * it has no TTL to judge by and serves the value as stored.)
 */
public interface TimestampedValue {

    /** When the value was computed; empty when the stored entry does not say, so only its Redis TTL bounds it. */
    Optional<Instant> computedAt();

    /** The rule of the Python readers: fresh while {@code now - computedAt < ttl}, a time in the future included. */
    static boolean isFresh(Object value, java.time.Duration ttl, Instant now) {
        if (!(value instanceof TimestampedValue timestamped)) {
            return true;
        }
        return timestamped.computedAt().map(at -> java.time.Duration.between(at, now).compareTo(ttl) < 0)
                .orElse(true);
    }
}
