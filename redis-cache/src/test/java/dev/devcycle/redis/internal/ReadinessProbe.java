package dev.devcycle.redis.internal;

import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.devcycle.redis.LatencyBudget;
import dev.devcycle.redis.RedisCircuitBreaker;
import dev.devcycle.redis.RedisClientSettings;
import dev.devcycle.redis.RedisSecurity;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.redis.RedisTopology;
import dev.devcycle.testsupport.PlainHealthResponses;
import redis.clients.jedis.UnifiedJedis;

/**
 * The readiness check outside Liberty, on a given client: what {@code /health/ready} would report for it (its data
 * is how an operator learns why Redis is not used). Lives in the check's package to set its injected fields.
 */
public final class ReadinessProbe {

    private ReadinessProbe() {
    }

    public static HealthCheckResponse call(UnifiedJedis client, RedisSettings settings) {
        return call(client, settings, RedisCircuitBreaker.disabled());
    }

    public static HealthCheckResponse call(UnifiedJedis client, RedisSettings settings, RedisCircuitBreaker breaker) {
        PlainHealthResponses.install();
        RedisReadinessCheck check = new RedisReadinessCheck();
        check.redis = client;
        check.settings = settings;
        check.topology = RedisTopology.standalone();
        check.breaker = breaker;
        check.clientSettings = new RedisClientSettings(settings, check.topology, RedisSecurity.none(),
                LatencyBudget.from(name -> java.util.Optional.empty()),
                new RedisCircuitBreaker.Settings(5, java.time.Duration.ofSeconds(5)),
                RedisClientSettings.DEFAULT_CLIENT_NAME);
        return check.call();
    }
}
