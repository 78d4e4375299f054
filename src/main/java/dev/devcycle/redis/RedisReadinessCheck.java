package dev.devcycle.redis;

import java.util.Map;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.devcycle.cache.RedisInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;

/**
 * Ready when Redis answers PING; data: host, port, redis_version, ping_ms, redis_mode, role, connected_replicas, or
 * the error. Readiness only: a Redis
 * outage takes the instance out of a load balancer's rotation for cache-dependent work, but never restarts it.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {

    static final String NAME = "redis";

    @Inject
    UnifiedJedis redis;

    @Inject
    RedisSettings settings;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("host", settings.host())
                .withData("port", settings.port());
        try {
            long start = System.nanoTime();
            String pong = redis.ping();
            double pingMs = (System.nanoTime() - start) / 1_000_000.0;
            Map<String, String> info = RedisInfo.parse(redis.info("server"));
            // Topology for dashboards and operators: standalone/sentinel/cluster, and this node's replication role.
            Map<String, String> replication = RedisInfo.parse(redis.info("replication"));
            return response.status("PONG".equals(pong))
                    .withData("ping_ms", String.format(java.util.Locale.ROOT, "%.3f", pingMs))
                    .withData("redis_version", info.getOrDefault("redis_version", "unknown"))
                    .withData("redis_mode", info.getOrDefault("redis_mode", "unknown"))
                    .withData("role", replication.getOrDefault("role", "unknown"))
                    .withData("connected_replicas", parseLong(replication.get("connected_slaves")))
                    .build();
        } catch (RuntimeException e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
