package dev.devcycle.cache.internal;

import java.lang.reflect.Type;
import java.time.Instant;

import dev.devcycle.cache.TimestampedValue;

import dev.devcycle.cache.internal.near.NearTier;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the parts of one declarative cache share: its name, the client, the key layout, the value pipeline, the
 * counters, the fail-open command runner and the near tier ({@code null} without one).
 */
record CacheContext(String name, UnifiedJedis redis, CacheKeyLayout keys, StoredValues values,
                    CacheCounters counters, FailOpen calls, NearTier near) {

    /**
     * An entry read from Redis (or the near cache's stored text), as the caller's type and settings see it. A value
     * older than its own timestamp allows (an entry of the Python services, {@link TimestampedValue}) is a miss,
     * loaded again and replaced like an entry that cannot be read.
     */
    Read decode(String redisKey, String stored, Type type, CacheSettings settings) {
        Read read = Read.of(values.decodeEntry(redisKey, stored, type, settings.negativeTtl().isPresent()));
        return read.hit() && !isFresh(read.value(), settings) ? Read.MISS : read;
    }

    /** The near cache's answer for a key, or {@code null} to ask Redis (always without a near cache). */
    Read nearRead(String key, Type type, CacheSettings settings) {
        if (near == null) {
            return null;
        }
        Object answer = near.read(key, type, settings.negativeTtl().isPresent());
        if (answer == NearTier.NO_ANSWER) {
            return null;
        }
        if (answer instanceof NearTier.StoredText text) {
            Read read = decode(keys.valueKey(key), text.text(), type, settings);
            return read.hit() ? read : null;
        }
        return isFresh(answer, settings) ? Read.hit(answer) : null;
    }

    private static boolean isFresh(Object value, CacheSettings settings) {
        return TimestampedValue.isFresh(value, settings.ttl(), Instant.now());
    }

    /** The stored text of a value the caller wants cached, or {@code null} when it is not to be stored. */
    String encode(String redisKey, Object value, CacheSettings settings) {
        return values.encodeEntry(redisKey, value, settings.negativeTtl().isPresent());
    }

    /** The TTL a stored value gets: the negative TTL for a cached null, else the TTL with its jitter. */
    static long ttlMillis(Object value, CacheSettings settings) {
        return value == null ? settings.negativeTtl().orElseThrow().toMillis() : settings.ttlMillisWithJitter();
    }

    /** Calls the loader, counting the load and its duration. */
    <T> T timed(CacheLoader<T> loader) throws Exception {
        long started = System.nanoTime();
        try {
            return loader.load();
        } finally {
            counters.load(System.nanoTime() - started);
        }
    }
}
