package dev.devcycle.redis.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.devcycle.redis.DetailedHealthCheck;
import dev.devcycle.redis.FailureLog;
import dev.devcycle.redis.HealthDetails;
import dev.devcycle.redis.RedisCircuitBreaker;
import dev.devcycle.redis.RedisClientSettings;
import dev.devcycle.redis.RedisInfo;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.redis.RedisTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Ready when Redis answers PING; data: mode, circuit, host, port (the current master under sentinel), known nodes
 * (cluster), redis_version, ping_ms, used_memory, maxmemory and a warning when writes are refused for memory, or the
 * error; always the client name ({@code REDIS_CLIENT_NAME}), which tells the checks of several applications on one
 * server apart. Readiness only: a Redis outage takes the instance out of a load balancer's rotation for
 * cache-dependent work, but never restarts it. Off with {@code redis.health.enabled=false}.
 */
@Readiness
@ApplicationScoped
@EnabledBy(RedisReadinessCheck.ENABLED)
public class RedisReadinessCheck implements DetailedHealthCheck {

    /** The switch of the module's health checks (this one and {@link RedisClientStartupCheck}). */
    public static final String ENABLED = "redis.health.enabled";
    static final String NAME = "redis";
    /** Data anonymous callers still see when details are withheld: nothing about where Redis is or what it runs. */
    static final java.util.List<String> PUBLIC_DATA = java.util.List.of("mode", "circuit");
    static final String MSG_OUT_OF_MEMORY = "Redis is out of memory (used_memory >= maxmemory, policy noeviction): "
            + "writes are refused and skipped, reads are served";

    @Inject
    UnifiedJedis redis;

    @Inject
    RedisSettings settings;

    @Inject
    RedisTopology topology;

    @Inject
    RedisCircuitBreaker breaker;

    @Inject
    RedisClientSettings clientSettings;

    /** Data of other parts of the module (the declarative caches' pending invalidations); null outside CDI. */
    @Inject
    Instance<ReadinessContributor> contributors;

    /** {@link HealthDetails}; null when built outside CDI (tests), which means every detail. */
    @Inject
    @ConfigProperty(name = HealthDetails.PROPERTY, defaultValue = "when-authorized")
    String showDetails;

    /** What {@code /health/ready} shows: the status, and the data as {@link HealthDetails} allows anonymous callers. */
    @Override
    public HealthCheckResponse call() {
        return call(showDetails == null || HealthDetails.parse(showDetails).publicDetails());
    }

    /**
     * The check with every detail (for an authenticated administrator), or with the status, the topology mode and the
     * circuit state only: no address, version, memory figures or error text.
     */
    @Override
    public HealthCheckResponse call(boolean details) {
        HealthCheckResponse full = fullResponse();
        if (details) {
            return full;
        }
        Map<String, Object> data = full.getData().orElse(Map.of());
        HealthCheckResponseBuilder limited = HealthCheckResponse.named(NAME).status(full.getStatus() == Status.UP);
        for (String key : PUBLIC_DATA) {
            if (data.get(key) instanceof String value) {
                limited.withData(key, value);
            }
        }
        return limited.build();
    }

    private HealthCheckResponse fullResponse() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("mode", topology.mode().label())
                .withData("client_name", clientSettings.clientName())
                .withData("circuit", breaker.state().name().toLowerCase(java.util.Locale.ROOT));
        // While Redis is skipped, the command error only says "circuit open"; the cause that opened it says why.
        if (breaker.state() != RedisCircuitBreaker.State.CLOSED) {
            breaker.lastFailure().ifPresent(cause -> response.withData("last_failure",
                    FailureLog.describe(cause)));
        }
        describeTopology(response);
        try {
            long start = System.nanoTime();
            String pong = redis.ping();
            double pingMs = (System.nanoTime() - start) / 1_000_000.0;
            Map<String, String> info = RedisInfo.parse(redis.info("server"));
            response.status("PONG".equals(pong))
                    .withData("ping_ms", String.format(java.util.Locale.ROOT, "%.3f", pingMs))
                    .withData("redis_version", info.getOrDefault("redis_version", "unknown"));
            describeMemory(response);
            if (contributors != null) {
                contributors.forEach(contributor -> contributor.readinessData().forEach(response::withData));
            }
            return response.build();
        } catch (RuntimeException e) {
            return response.down().withData("error", FailureLog.describe(e)).build();
        }
    }

    /**
     * A Redis at its memory limit with {@code noeviction} still answers PING and reads but refuses every write with
     * OOM; the instance stays ready (reads are served), and the data says why nothing gets cached.
     */
    private void describeMemory(HealthCheckResponseBuilder response) {
        Map<String, String> memory = RedisInfo.parse(redis.info("memory"));
        long used = parseLong(memory.get("used_memory"));
        long max = parseLong(memory.get("maxmemory"));
        response.withData("used_memory", used).withData("maxmemory", max);
        if (max > 0 && used >= max && "noeviction".equals(memory.get("maxmemory_policy"))) {
            response.withData("warning", MSG_OUT_OF_MEMORY);
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
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
