package dev.devcycle.redis;

import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import redis.clients.jedis.UnifiedJedis;

/** Produces the settings and the one pooled Redis client of the application, and closes it on shutdown. */
@ApplicationScoped
public class RedisClientProducer {

    private static final Logger LOG = Logger.getLogger(RedisClientProducer.class.getName());
    private static final String MSG_CONNECTING = "Redis client configured: mode {0}, {1}, {2}, latency budget {3} ms";

    @Inject
    Config config;

    @Produces
    @Singleton
    RedisSettings settings() {
        return RedisSettings.from(name -> config.getOptionalValue(name, String.class));
    }

    @Produces
    @Singleton
    RedisTopology topology() {
        return RedisTopology.from(name -> config.getOptionalValue(name, String.class));
    }

    @Produces
    @Singleton
    RedisSecurity security() {
        return RedisSecurity.from(name -> config.getOptionalValue(name, String.class));
    }

    @Produces
    @Singleton
    LatencyBudget latencyBudget() {
        return LatencyBudget.from(name -> config.getOptionalValue(name, String.class));
    }

    @Produces
    @Singleton
    RedisCircuitBreaker circuitBreaker() {
        return RedisCircuitBreaker.from(name -> config.getOptionalValue(name, String.class));
    }

    /**
     * The pooled client. {@code @Singleton} rather than {@code @ApplicationScoped}: Jedis' client has final methods,
     * so a CDI client proxy cannot be made for it; the lifecycle is the same (one instance, disposed at shutdown).
     */
    @Produces
    @Singleton
    UnifiedJedis client(RedisSettings settings, RedisTopology topology, RedisSecurity security,
                        RedisCircuitBreaker breaker, LatencyBudget budget) {
        RedisSettings effective = budget.applyTo(settings);
        LOG.log(java.util.logging.Level.INFO, MSG_CONNECTING, new Object[] {topology.mode().label(), effective,
                security, budget.total().toMillis()});
        return RedisClientFactory.create(effective, topology, security, breaker);
    }

    void close(@Disposes UnifiedJedis client) {
        client.close();
    }

    /**
     * Reads the settings when the application starts, so a malformed value stops the deployment with a message
     * naming the variable instead of failing the first request.
     */
    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event, RedisSettings settings,
                           RedisTopology topology, RedisSecurity security, RedisCircuitBreaker breaker,
                           LatencyBudget budget) {
        // Injecting the settings is the check; nothing else to do.
    }
}
