package dev.devcycle.metrics;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.Pool;

/**
 * Publishes the Redis connection pool (active, idle, waiting, max) and any {@link CircuitState} as MicroProfile
 * Metrics. The pool is read at each scrape, so the gauges are current, not sampled.
 */
@ApplicationScoped
public class RedisMetrics {

    private static final Logger LOG = Logger.getLogger(RedisMetrics.class.getName());
    private static final String MSG_NO_POOL = "Redis client {0} has no single connection pool; no pool metrics";

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    UnifiedJedis redis;

    @Inject
    @Any
    Instance<CircuitState> breakers;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        pool(redis).ifPresentOrElse(this::bindPool,
                () -> LOG.log(Level.INFO, MSG_NO_POOL, redis.getClass().getSimpleName()));
        for (CircuitState breaker : breakers) {
            registry.gauge(Metadata.builder().withName("redis.circuit.state")
                    .withDescription("Circuit breaker state: 0 closed, 1 open, 2 half-open").build(),
                    breaker, CircuitState::state, new Tag("breaker", breaker.name()));
        }
    }

    /**
     * The pool of a standalone client. A sentinel or cluster client (once there is one) has no single pool; it would
     * publish one set of gauges per node instead.
     */
    static java.util.Optional<Pool<Connection>> pool(UnifiedJedis client) {
        if (client instanceof RedisClient standalone) {
            try {
                return java.util.Optional.of(standalone.getPool());
            } catch (ClassCastException e) {
                // Built on a connection provider without a pool.
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    private void bindPool(Pool<Connection> pool) {
        gauge("redis.pool.active", "Connections borrowed from the pool right now", pool, Pool::getNumActive);
        gauge("redis.pool.idle", "Connections idle in the pool right now", pool, Pool::getNumIdle);
        gauge("redis.pool.waiting", "Threads waiting for a pooled connection right now", pool, Pool::getNumWaiters);
        gauge("redis.pool.max", "Largest number of connections the pool opens (REDIS_MAX_CONNECTIONS)", pool,
                Pool::getMaxTotal);
    }

    private void gauge(String name, String description, Pool<Connection> pool,
            java.util.function.ToIntFunction<Pool<Connection>> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), pool,
                p -> value.applyAsInt(p));
    }
}
