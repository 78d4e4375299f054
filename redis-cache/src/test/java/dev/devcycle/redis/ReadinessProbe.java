package dev.devcycle.redis;

import org.eclipse.microprofile.health.HealthCheckResponse;

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
        return check.call();
    }
}
