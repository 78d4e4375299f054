package dev.devcycle.demo;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.devcycle.cache.CacheKey;
import dev.devcycle.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The demo's stand-in for the agent database: every query takes {@link #QUERY_TIME_MILLIS}, like the Python
 * demo's simulated database call, and is counted, so the demo shows hits and misses as facts rather than claims.
 */
@ApplicationScoped
public class AgentDirectory {

    static final long QUERY_TIME_MILLIS = 100;
    static final String AVAILABILITY_CACHE = "agent:availability";

    private static final Map<String, Boolean> AGENTS = Map.of(
            "developer-1", true, "tester-1", true, "deployer-1", false, "monitor-1", true);

    private final AtomicInteger queries = new AtomicInteger();

    /** Cached: the first call per agent queries the "database", later ones read Redis until the TTL ends. */
    @CacheResult(cacheName = AVAILABILITY_CACHE, ttl = "60s")
    public boolean isAgentAvailable(@CacheKey String agentId) {
        return queryDatabase(agentId);
    }

    /** The same lookup without the cache, for the comparison. */
    public boolean isAgentAvailableUncached(String agentId) {
        return queryDatabase(agentId);
    }

    public int queries() {
        return queries.get();
    }

    private boolean queryDatabase(String agentId) {
        queries.incrementAndGet();
        try {
            Thread.sleep(QUERY_TIME_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return AGENTS.getOrDefault(agentId, false);
    }
}
