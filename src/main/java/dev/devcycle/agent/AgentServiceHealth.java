package dev.devcycle.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.devcycle.cache.DeclarativeCaches;
import dev.devcycle.cache.RedisCaches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The agent service's own view of its health ({@code GET /api/agents/health}): database and Redis. */
@ApplicationScoped
public class AgentServiceHealth {

    private static final Logger LOG = Logger.getLogger(AgentServiceHealth.class.getName());
    private static final String MSG_HEALTH_DB = "Database health check failed";

    @Inject
    AgentRepository repository;

    @Inject
    DeclarativeCaches caches;

    @Inject
    RedisCaches redisCaches;

    /**
     * {@code status}: {@code healthy} (database and Redis answer), {@code degraded} (database only: answers come
     * uncached) or {@code unhealthy} (no database); with {@code database} and {@code redis} booleans.
     */
    public Map<String, Object> healthCheck() {
        boolean database;
        try {
            repository.count();
            database = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, MSG_HEALTH_DB, e);
            database = false;
        }
        boolean redis = redisCaches.cache(caches.keyPrefix()).healthCheck();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", !database ? "unhealthy" : redis ? "healthy" : "degraded");
        health.put("database", database);
        health.put("redis", redis);
        return health;
    }
}
