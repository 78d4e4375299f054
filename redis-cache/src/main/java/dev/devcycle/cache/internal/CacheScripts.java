package dev.devcycle.cache.internal;

import dev.devcycle.redis.RedisScript;

/**
 * The Lua scripts of the declarative caches, each one atomic in Redis. Their KEYS follow {@link CacheKeyLayout}:
 * value, key generation, cache generation (as the scripts see it), lease.
 *
 * <p><b>Why generations.</b> A loader that missed, read the old row, and stores after a writer's invalidation would
 * put the old row back until the TTL. So a loader reads both generations (in the same script that takes the lease)
 * before calling the method, and its store is a script that writes only when both are unchanged. Generations are
 * random tokens, not counters, so one deleted and recreated never matches an old read.
 */
final class CacheScripts {

    /**
     * Reads value and generations and, when the value is absent, tries the lease: one round trip.
     * ARGV: lease token (empty: no lease wanted), lease time in ms. Reply: found, value, key generation, cache
     * generation, leased.
     */
    static final RedisScript BEGIN_LOAD = new RedisScript("""
            local value = redis.call('GET', KEYS[1])
            local keyGen = redis.call('GET', KEYS[2]) or ''
            local cacheGen = redis.call('GET', KEYS[3]) or ''
            if value then
              return {1, value, keyGen, cacheGen, 0}
            end
            local leased = 0
            if ARGV[1] ~= '' and redis.call('SET', KEYS[4], ARGV[1], 'NX', 'PX', ARGV[2]) then
              leased = 1
            end
            return {0, '', keyGen, cacheGen, leased}
            """);

    /**
     * Stores only when neither generation changed since the load began; always gives back the caller's lease.
     * ARGV: key generation read, cache generation read, value, TTL in ms, lease token (empty: none). Reply: 1 stored.
     */
    static final RedisScript STORE = new RedisScript("""
            local stored = 0
            if (redis.call('GET', KEYS[2]) or '') == ARGV[1] and (redis.call('GET', KEYS[3]) or '') == ARGV[2] then
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
              stored = 1
            end
            if ARGV[5] ~= '' and redis.call('GET', KEYS[4]) == ARGV[5] then
              redis.call('DEL', KEYS[4])
            end
            return stored
            """);

    /** Gives back a lease if it is still the caller's. KEYS: lease; ARGV: token. */
    static final RedisScript RELEASE = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    /**
     * Value and lease gone, new key generation. Dropping the lease lets a waiting instance load the new row at once
     * instead of waiting for a load whose store will be refused. KEYS: value, key generation, lease; ARGV: new
     * generation, its TTL in ms.
     *
     * <p>The DELs come first: a Redis at its memory limit with {@code noeviction} refuses a script whose first write
     * is a SET (OOM) and runs nothing of it, but a script that has already written is allowed to finish (atomicity
     * wins over the limit). DEL is never refused for memory, so the stale value goes even then.
     */
    static final RedisScript INVALIDATE = new RedisScript("""
            local removed = redis.call('DEL', KEYS[1])
            redis.call('DEL', KEYS[3])
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
            return removed
            """);

    /**
     * Old value gone, new key generation (so loads in flight cannot overwrite), then the value; the DEL first for the
     * same reason as in {@link #INVALIDATE}: at the memory limit the old value must not outlive the write. KEYS: value,
     * key generation; ARGV: new generation, its TTL in ms, value, TTL in ms.
     */
    static final RedisScript PUT = new RedisScript("""
            redis.call('DEL', KEYS[1])
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
            redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
            return 1
            """);

    private CacheScripts() {
    }
}
