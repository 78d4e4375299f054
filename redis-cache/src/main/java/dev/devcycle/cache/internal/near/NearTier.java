package dev.devcycle.cache.internal.near;

import java.lang.reflect.Type;

/**
 * The near cache as the first tier of one declarative cache: what it answers, and what a Redis read may leave in it
 * (the fill protocol).
 *
 * <p><b>Answers.</b> An entry is the decoded value with the type it was decoded as, kept only for deep-immutable
 * types ({@link ImmutableTypes}) so sharing it is safe; or the stored text ({@link StoredText}), which each caller
 * decodes for itself, so no caller can change another's value; or a cached {@code null}.
 *
 * <p><b>Filling.</b> A reader takes a {@link #stamp} before its Redis GET and {@link #fill}s with it after: an
 * invalidation that arrived while the reply was on its way voids the fill ({@link NearCache#put}).
 */
public final class NearTier {

    /** {@link #read} has no answer: ask Redis. */
    public static final Object NO_ANSWER = new Object();

    private final NearCache near;

    public NearTier(NearCache near) {
        this.near = near;
    }

    public NearCache nearCache() {
        return near;
    }

    /**
     * The near cache's answer for a key read as a type.
     *
     * @param acceptNegative whether a cached {@code null} is an answer for this caller
     * @return the value (possibly {@code null}), a {@link StoredText} the caller decodes, or {@link #NO_ANSWER}
     */
    public Object read(String key, Type type, boolean acceptNegative) {
        Object entry = near.get(key);
        if (entry == NearCache.MISS) {
            return NO_ANSWER;
        }
        if (entry instanceof Decoded decoded) {
            return decoded.type.equals(type) ? decoded.value : NO_ANSWER;
        }
        if (entry == NearCache.NULL) {
            return acceptNegative ? null : NO_ANSWER;
        }
        return entry;
    }

    /** Taken before reading a key from Redis; {@link NearCache#NO_STAMP} while the near cache is bypassed. */
    public long stamp(String key) {
        return near.stamp(key);
    }

    /** Keeps what a Redis read of a key returned (its stored text and the value decoded from it), per the stamp. */
    public void fill(String key, long stamp, String stored, Type type, Object value) {
        if (stamp == NearCache.NO_STAMP) {
            return;
        }
        if (value == null) {
            near.put(key, stamp, NearCache.NULL);
        } else if (ImmutableTypes.isDeeplyImmutable(type)) {
            near.put(key, stamp, new Decoded(type, value));
        } else {
            near.put(key, stamp, new StoredText(stored));
        }
    }

    /** A Redis key written or invalidated by this instance: dropped at once (Redis' message follows for the others). */
    public void invalidateRedisKey(String redisKey) {
        near.invalidateRedisKey(redisKey);
    }

    public void invalidateAll() {
        near.invalidateAll();
    }

    /** A near-cache entry to decode afresh for each caller: the text stored in Redis. */
    public record StoredText(String text) {
    }

    /** A near-cache entry shared as is: a deep-immutable value and the type it was decoded as. */
    private record Decoded(Type type, Object value) {
    }
}
