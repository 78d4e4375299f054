package dev.devcycle.agent;

import java.util.Map;

import dev.devcycle.cache.DeclarativeCacheStatistics;

/**
 * How the agent caches serve this instance: database statements issued (a hit issues none, so a hit is provable),
 * each agent cache's statistics, and whether Redis answers.
 *
 * @param dbQueries      SELECTs issued by this instance
 * @param dbWrites       INSERT/UPDATE/DELETE statements issued by this instance
 * @param caches         the statistics of each agent cache, by name, in {@link AgentCaches#ALL} order
 * @param redisConnected whether Redis answered a PING just now
 */
public record AgentCacheStatistics(long dbQueries, long dbWrites, Map<String, DeclarativeCacheStatistics> caches,
                                   boolean redisConnected) {

    /** Hits over all agent caches. */
    public long hits() {
        return caches.values().stream().mapToLong(DeclarativeCacheStatistics::hits).sum();
    }

    /** Misses over all agent caches. */
    public long misses() {
        return caches.values().stream().mapToLong(DeclarativeCacheStatistics::misses).sum();
    }

    /** Hits over lookups of all agent caches, 0.0 before the first. */
    public double hitRatio() {
        long lookups = hits() + misses();
        return lookups == 0 ? 0.0 : (double) hits() / lookups;
    }
}
