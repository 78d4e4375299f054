package dev.devcycle.redis.internal;

import org.eclipse.microprofile.config.Config;

import dev.devcycle.redis.LatencyBudget;
import dev.devcycle.redis.RedisCircuitBreaker;
import dev.devcycle.redis.RedisClientSettings;
import dev.devcycle.redis.RedisSecurity;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.redis.RedisTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Produces the application's Redis settings, read once from MicroProfile Config, and the circuit breaker; checks
 * them when the application starts, so a malformed value stops the deployment with a message naming the variable
 * instead of failing the first request.
 */
@ApplicationScoped
public class RedisSettingsProducer {

    @Inject
    Config config;

    @Produces
    @Singleton
    RedisClientSettings clientSettings() {
        return RedisClientSettings.from(MicroProfileSettings.of(config));
    }

    @Produces
    @Singleton
    RedisSettings settings(RedisClientSettings all) {
        return all.connection();
    }

    @Produces
    @Singleton
    RedisTopology topology(RedisClientSettings all) {
        return all.topology();
    }

    @Produces
    @Singleton
    RedisSecurity security(RedisClientSettings all) {
        return all.security();
    }

    @Produces
    @Singleton
    LatencyBudget latencyBudget(RedisClientSettings all) {
        return all.latencyBudget();
    }

    /** The breaker under the module's client; health and metrics show it (closed for a client of the application's). */
    @Produces
    @Singleton
    RedisCircuitBreaker circuitBreaker(RedisClientSettings all) {
        return all.newCircuitBreaker();
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event, RedisClientSettings all) {
        // Injecting the settings is the check; nothing else to do.
    }
}
