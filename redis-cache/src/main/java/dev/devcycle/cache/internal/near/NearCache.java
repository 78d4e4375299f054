package dev.devcycle.cache.internal.near;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;

/**
 * The in-process tier of one named cache: values read from Redis, kept until Redis says they changed.
 *
 * <p><b>Coherence.</b> An {@link InvalidationListener} feeds it the keys Redis reports as modified (CLIENT TRACKING,
 * broadcast mode, on the cache's key prefix). While the listener is not tracking, the near cache is empty and
 * bypassed: {@link #get} always misses and {@link #put} stores nothing.
 *
 * <p><b>The fill race.</b> A reader that GETs an old value from Redis may receive the reply after the invalidation of
 * that key was already processed; putting it then would keep a stale value. So a reader takes a {@link #stamp} before
 * its GET and puts with it: the put re-checks the stamp <i>after</i> storing and removes the entry when an
 * invalidation (of a key in the same stripe) or a connection loss came in between. Because an invalidation bumps the
 * stripe before removing the entry, one of the two always removes a stale value.
 *
 * <p><b>Values</b> are whatever the caller stores: {@link NearTier} stores deep-immutable decoded values as they
 * are and everything else as the stored text, decoded fresh on every hit, so no caller can change another's value.
 */
public final class NearCache {

    /** Returned by {@link #get} for a miss; a cached {@code null} is stored as {@link #NULL}. */
    public static final Object MISS = new Object();
    /** The stored form of a cached null (Caffeine holds no null values). */
    public static final Object NULL = new Object();
    /** A stamp that never matches: the near cache was bypassed when it was taken. */
    public static final long NO_STAMP = -1;

    private static final int STRIPES = 1024;

    private final String keyPrefix;
    private final Cache<String, Object> entries;
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private volatile boolean tracking;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder flushes = new LongAdder();

    /**
     * @param keyPrefix the Redis key prefix of the cache; entries are kept under the part after it
     */
    public NearCache(String keyPrefix, NearCacheSettings settings) {
        this.keyPrefix = keyPrefix;
        Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(settings.maxEntries());
        this.entries = settings.jitterPercent() == 0
                ? builder.expireAfterWrite(settings.ttl()).build()
                : builder.expireAfter(jittered(settings)).build();
    }

    /**
     * Each write (a fill from Redis) gets the TTL less its jitter; a read leaves it. Caffeine's variable expiry, as
     * {@code expireAfterWrite}'s one duration would expire a hot set filled together in one instant; without jitter,
     * {@code expireAfterWrite} (a hit then costs what it did before jitter existed; docs/benchmarks.md).
     */
    private static Expiry<String, Object> jittered(NearCacheSettings settings) {
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(String key, Object value, long currentTime) {
                return settings.ttlNanosWithJitter();
            }

            @Override
            public long expireAfterUpdate(String key, Object value, long currentTime, long currentDuration) {
                return settings.ttlNanosWithJitter();
            }

            @Override
            public long expireAfterRead(String key, Object value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        };
    }

    /** The Redis key prefix this near cache mirrors. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** The stored value of a key ({@link #NULL} for a cached null), or {@link #MISS}. */
    public Object get(String key) {
        if (!tracking) {
            return MISS;
        }
        Object value = entries.getIfPresent(key);
        if (value == null) {
            misses.increment();
            return MISS;
        }
        hits.increment();
        return value;
    }

    /** Taken before reading a key from Redis; {@link #NO_STAMP} when the near cache is bypassed. */
    public long stamp(String key) {
        return tracking ? stripes.get(stripe(key)) : NO_STAMP;
    }

    /**
     * Keeps a value read from Redis, unless the key was invalidated (or the connection lost) since the stamp was
     * taken.
     */
    public void put(String key, long stamp, Object value) {
        if (stamp == NO_STAMP) {
            return;
        }
        int stripe = stripe(key);
        entries.put(key, value == null ? NULL : value);
        // Re-checked after the put: an invalidation processed in between may have missed the entry.
        if (!tracking || stripes.get(stripe) != stamp) {
            entries.invalidate(key);
        }
    }

    /** A Redis key reported as modified, or written by this instance. Keys outside the prefix are ignored. */
    public void invalidateRedisKey(String redisKey) {
        if (redisKey.startsWith(keyPrefix)) {
            invalidate(redisKey.substring(keyPrefix.length()));
        }
    }

    /** Removes one key (the part after the prefix). */
    public void invalidate(String key) {
        stripes.incrementAndGet(stripe(key));
        if (entries.asMap().remove(key) != null) {
            invalidations.increment();
        }
    }

    /** Removes every entry; for FLUSHALL/FLUSHDB notifications and this instance's invalidate-all. */
    public void invalidateAll() {
        bumpAllStripes();
        flushes.increment();
        entries.invalidateAll();
    }

    /** Tracking is established (again): the near cache starts filling from an empty state. */
    void trackingStarted() {
        bumpAllStripes();
        entries.invalidateAll();
        tracking = true;
    }

    /**
     * The invalidation connection is gone, so changes may go unseen: bypass first (no more hits), then invalidate
     * the stamps of reads in flight, then drop everything.
     */
    void trackingLost() {
        tracking = false;
        bumpAllStripes();
        flushes.increment();
        entries.invalidateAll();
    }

    /** True while invalidations are being received and the near cache is used. */
    public boolean tracking() {
        return tracking;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Entries removed because Redis (or this instance) reported their key modified. */
    public long invalidations() {
        return invalidations.sum();
    }

    /** Whole flushes: connection losses, FLUSHALL/FLUSHDB, invalidate-all. */
    public long flushes() {
        return flushes.sum();
    }

    /** For tests: whether a key has an entry, without counting a hit or miss. */
    boolean contains(String key) {
        return entries.getIfPresent(key) != null;
    }

    /** For tests: how long until a key's entry expires, if it has one. */
    Optional<Duration> expiresAfter(String key) {
        Policy<String, Object> policy = entries.policy();
        return policy.expireVariably().map(variable -> variable.getExpiresAfter(key))
                .orElseGet(() -> policy.expireAfterWrite().flatMap(fixed -> fixed.ageOf(key)
                        .map(age -> fixed.getExpiresAfter().minus(age))));
    }

    public long size() {
        return entries.estimatedSize();
    }

    private void bumpAllStripes() {
        for (int i = 0; i < STRIPES; i++) {
            stripes.incrementAndGet(i);
        }
    }

    private static int stripe(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
