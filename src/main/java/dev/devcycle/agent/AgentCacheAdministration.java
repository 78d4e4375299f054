package dev.devcycle.agent;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.devcycle.cache.CacheInvalidate;
import dev.devcycle.cache.CacheKey;
import dev.devcycle.cache.DeclarativeCacheStatistics;
import dev.devcycle.cache.DeclarativeCaches;
import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.RedisCaches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Clearing the agent caches and their statistics, for the administrators' endpoints under {@code /api/agents/cache}. */
@ApplicationScoped
public class AgentCacheAdministration {

    @Inject
    DeclarativeCaches caches;

    @Inject
    RedisCaches redisCaches;

    @Inject
    AgentCacheHandles handles;

    @Inject
    DatabaseQueryCounter counter;

    /**
     * Removes the agent's availability, capabilities and load entries (the annotations do, when this returns).
     *
     * @return how many of them were present
     */
    @CacheInvalidate(cacheName = AgentCaches.AVAILABILITY)
    @CacheInvalidate(cacheName = AgentCaches.CAPABILITIES)
    @CacheInvalidate(cacheName = AgentCaches.LOAD)
    public long clearCache(@CacheKey String agentId) {
        AgentIds.requireId(agentId);
        RedisCache raw = redisCaches.cache(caches.keyPrefix());
        return AgentCaches.PER_AGENT.stream()
                .map(name -> caches.redisKey(name, agentId).substring(caches.keyPrefix().length()))
                .filter(raw::exists)
                .count();
    }

    /** Removes every entry of the four agent caches; returns the Redis keys removed. */
    public long clearCache() {
        return AgentCaches.ALL.stream().mapToLong(caches::invalidateAll).sum();
    }

    /**
     * The database counters of this instance, the statistics of each agent cache and whether Redis answers; the REST
     * layer renders them ({@code GET /api/agents/cache/stats}).
     */
    public AgentCacheStatistics getCacheStats() {
        Map<String, DeclarativeCacheStatistics> perCache = new LinkedHashMap<>();
        handles.all().forEach(cache -> perCache.put(cache.name(), cache.statistics()));
        return new AgentCacheStatistics(counter.queries(), counter.writes(), perCache,
                redisCaches.cache(caches.keyPrefix()).healthCheck());
    }
}
