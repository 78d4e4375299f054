package dev.devcycle.redis.internal;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import dev.devcycle.redis.RedisClientSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;

/**
 * Started once the Redis client is configured. Deliberately not a PING: an instance that starts while Redis is down
 * must come up (and serve from the database), not be killed by its startup probe. Off with
 * {@code redis.health.enabled=false}.
 */
@Startup
@ApplicationScoped
@EnabledBy(RedisReadinessCheck.ENABLED)
public class RedisClientStartupCheck implements HealthCheck {

    static final String NAME = "redis-client";

    @Inject
    UnifiedJedis redis;

    @Inject
    RedisClientSettings settings;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(redis != null)
                .withData("configured", settings.connection().host() + ":" + settings.connection().port())
                .withData("client_name", settings.clientName())
                .build();
    }
}
