package dev.devcycle.redis;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;

/**
 * Started once the Redis client is configured. Deliberately not a PING: an instance that starts while Redis is down
 * must come up (and serve from the database), not be killed by its startup probe.
 */
@Startup
@ApplicationScoped
public class RedisClientStartupCheck implements HealthCheck {

    static final String NAME = "redis-client";

    @Inject
    UnifiedJedis redis;

    @Inject
    RedisSettings settings;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(redis != null)
                .withData("configured", settings.host() + ":" + settings.port())
                .build();
    }
}
