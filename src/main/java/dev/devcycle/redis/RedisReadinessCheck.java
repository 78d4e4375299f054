package dev.devcycle.redis;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.devcycle.cache.RedisInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Ready when Redis answers PING; data: mode, host, port (the current master under sentinel), known nodes (cluster),
 * redis_version, ping_ms, or the error. Readiness only: a Redis
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

    @Inject
    RedisTopology topology;

    @Inject
    RedisCircuitBreaker breaker;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("mode", topology.mode().label())
                .withData("circuit", breaker.state().name().toLowerCase(java.util.Locale.ROOT));
        describeTopology(response);
        try {
            long start = System.nanoTime();
            String pong = redis.ping();
            double pingMs = (System.nanoTime() - start) / 1_000_000.0;
            Map<String, String> info = RedisInfo.parse(redis.info("server"));
            return response.status("PONG".equals(pong))
                    .withData("ping_ms", String.format(java.util.Locale.ROOT, "%.3f", pingMs))
                    .withData("redis_version", info.getOrDefault("redis_version", "unknown"))
                    .build();
        } catch (RuntimeException e) {
            return response.down().withData("error", dev.devcycle.cache.FailureLog.describe(e)).build();
        }
    }

    /** Where the client sends commands: the configured server, the sentinels' current master, the cluster nodes. */
    private void describeTopology(HealthCheckResponseBuilder response) {
        switch (topology.mode()) {
            case STANDALONE -> response.withData("host", settings.host()).withData("port", settings.port());
            case SENTINEL -> {
                response.withData("sentinel_master", topology.sentinelMaster().orElse(""))
                        .withData("sentinels", join(topology.sentinelNodes()));
                if (redis instanceof RedisSentinelClient sentinel && sentinel.getCurrentMaster() != null) {
                    HostAndPort master = sentinel.getCurrentMaster();
                    response.withData("host", master.getHost()).withData("port", master.getPort());
                }
            }
            case CLUSTER -> {
                response.withData("seed_nodes", join(topology.clusterNodes()));
                if (redis instanceof RedisClusterClient cluster) {
                    response.withData("known_nodes", String.join(",", new TreeSet<>(cluster.getClusterNodes().keySet())));
                }
            }
        }
    }

    private static String join(Set<HostAndPort> nodes) {
        return nodes.stream().map(HostAndPort::toString).sorted().collect(Collectors.joining(","));
    }
}
