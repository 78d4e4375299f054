package dev.devcycle.metrics.internal;

import java.util.Collection;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import dev.devcycle.redis.RedisCircuitBreaker;
import dev.devcycle.redis.internal.EnabledBy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.Pool;

/**
 * Publishes the Redis connection pool (active, idle, waiting, max) and the circuit breaker as MicroProfile Metrics.
 * Everything is read from the client at each scrape, so the gauges are current, not sampled; in cluster mode they
 * are sums over the pools of the nodes the client knows at that moment (nodes come and go with resharding). Off with
 * {@code redis.metrics.enabled=false}.
 */
@ApplicationScoped
@EnabledBy(RedisMetrics.ENABLED)
public class RedisMetrics {

    /**
     * The switch of every metric the module contributes: these ({@code redis_pool_*}, {@code redis_circuit_*}) and
     * the caches' ({@link CacheMetrics}). Under {@code redis.}, as {@code cache.<name>.enabled} is a cache's own.
     */
    public static final String ENABLED = "redis.metrics.enabled";

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    UnifiedJedis redis;

    @Inject
    RedisCircuitBreaker breaker;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        poolGauge("redis.pool.active", "Connections borrowed from the pool right now", Pool::getNumActive);
        poolGauge("redis.pool.idle", "Connections idle in the pool right now", Pool::getNumIdle);
        poolGauge("redis.pool.waiting", "Threads waiting for a pooled connection right now", Pool::getNumWaiters);
        poolGauge("redis.pool.max", "Largest number of connections the pool opens (REDIS_MAX_CONNECTIONS; per node "
                + "in cluster mode, summed here)", Pool::getMaxTotal);
        // State is declared CLOSED, OPEN, HALF_OPEN, so its ordinal is the documented number.
        breakerGauge("redis.circuit.state", "Circuit breaker state: 0 closed, 1 open, 2 half-open",
                b -> b.state().ordinal());
        breakerGauge("redis.circuit.opened", "Times the circuit opened since start", RedisCircuitBreaker::timesOpened);
        breakerGauge("redis.circuit.rejected", "Commands skipped while the circuit was open, since start",
                RedisCircuitBreaker::rejected);
    }

    /** The connection pools behind a client: one for standalone, the current master's for sentinel, one per node. */
    static Collection<? extends Pool<Connection>> pools(UnifiedJedis client) {
        try {
            if (client instanceof RedisClient standalone) {
                return List.of(standalone.getPool());
            }
            if (client instanceof RedisSentinelClient sentinel) {
                return sentinel.getPrimaryNodesConnectionMap().values();
            }
            if (client instanceof RedisClusterClient cluster) {
                return cluster.getClusterNodes().values();
            }
        } catch (RuntimeException e) {
            // A client built on a provider without a pool (getPool casts), or a closed one: no pool to show; a
            // scrape must not fail for it.
        }
        return List.of();
    }

    private void poolGauge(String name, String description, ToIntFunction<Pool<Connection>> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), redis,
                client -> pools(client).stream().mapToLong(value::applyAsInt).sum());
    }

    private void breakerGauge(String name, String description, ToLongFunction<RedisCircuitBreaker> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), breaker,
                b -> value.applyAsLong(b));
    }
}
