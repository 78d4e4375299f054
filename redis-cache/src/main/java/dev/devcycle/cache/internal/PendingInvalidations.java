package dev.devcycle.cache.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The invalidations of one declarative cache that this instance could not complete (Redis unreachable, or refusing
 * the script): their entries may still be the stale ones, so this instance neither serves nor stores them and retries
 * the invalidation on each use ({@link ReadThroughCache}) and on readiness probes until it succeeds. Beyond
 * {@value #MAX_KEYS} keys the whole cache is treated as pending (one invalidate-all instead of an unbounded set).
 */
final class PendingInvalidations {

    static final int MAX_KEYS = 10_000;

    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    /** An invalidate-all that has not completed: the whole cache is bypassed until it has. */
    private volatile boolean all;

    /** Records a Redis key whose invalidation failed. */
    void add(String redisKey) {
        if (keys.size() < MAX_KEYS) {
            keys.add(redisKey);
        } else {
            all = true;
        }
    }

    void settled(String redisKey) {
        keys.remove(redisKey);
    }

    boolean contains(String redisKey) {
        return !keys.isEmpty() && keys.contains(redisKey);
    }

    /** An invalidate-all begins: until {@link #allSettled()}, nothing of the cache is served or stored. */
    void allPending() {
        all = true;
    }

    /** An invalidate-all completed: every key is gone, those whose own invalidation had failed included. */
    void allSettled() {
        all = false;
        keys.clear();
    }

    boolean isAllPending() {
        return all;
    }

    List<String> keys() {
        return List.copyOf(keys);
    }

    /** How many are pending; an invalidate-all counts as one. */
    int count() {
        return keys.size() + (all ? 1 : 0);
    }
}
