package dev.devcycle.redis;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import redis.clients.jedis.HostAndPort;

/**
 * Which Redis deployment the client talks to, by configuration alone ({@code REDIS_MODE}):
 * <ul>
 * <li>{@code standalone} (default): {@code REDIS_HOST}/{@code REDIS_PORT};</li>
 * <li>{@code sentinel}: the master named {@code REDIS_SENTINEL_MASTER}, found through {@code REDIS_SENTINEL_NODES}
 * ({@code host:port,host:port}), sentinels optionally protected by {@code REDIS_SENTINEL_PASSWORD};</li>
 * <li>{@code cluster}: seed nodes {@code REDIS_CLUSTER_NODES} ({@code host:port,...}).</li>
 * </ul>
 */
public record RedisTopology(Mode mode, Optional<String> sentinelMaster, Set<HostAndPort> sentinelNodes,
                            Optional<String> sentinelPassword, Set<HostAndPort> clusterNodes) {

    public static final String MODE = "redis.mode";
    public static final String SENTINEL_MASTER = "redis.sentinel.master";
    public static final String SENTINEL_NODES = "redis.sentinel.nodes";
    public static final String SENTINEL_PASSWORD = "redis.sentinel.password";
    public static final String CLUSTER_NODES = "redis.cluster.nodes";

    /** The deployment kinds. */
    public enum Mode {
        STANDALONE, SENTINEL, CLUSTER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RedisTopology {
        sentinelNodes = Set.copyOf(sentinelNodes);
        clusterNodes = Set.copyOf(clusterNodes);
    }

    public static RedisTopology standalone() {
        return new RedisTopology(Mode.STANDALONE, Optional.empty(), Set.of(), Optional.empty(), Set.of());
    }

    public static RedisTopology sentinel(String master, Set<HostAndPort> sentinels) {
        return new RedisTopology(Mode.SENTINEL, Optional.of(master), sentinels, Optional.empty(), Set.of());
    }

    public static RedisTopology cluster(Set<HostAndPort> nodes) {
        return new RedisTopology(Mode.CLUSTER, Optional.empty(), Set.of(), Optional.empty(), nodes);
    }

    /** Reads the topology from a source of raw values; see {@link SettingReader}. */
    public static RedisTopology from(Function<String, Optional<String>> source) {
        return from(SettingReader.of(source));
    }

    /**
     * Reads the topology; a mode without the settings it needs, or a malformed node list, is rejected naming the
     * variable.
     */
    public static RedisTopology from(SettingReader settings) {
        Mode mode = settings.choice(MODE, Mode.class, Mode.STANDALONE);
        Optional<String> master = settings.text(SENTINEL_MASTER);
        Set<HostAndPort> sentinels = nodes(settings, SENTINEL_NODES);
        Set<HostAndPort> cluster = nodes(settings, CLUSTER_NODES);
        Optional<String> sentinelPassword = settings.raw(SENTINEL_PASSWORD).filter(s -> !s.isEmpty());
        if (mode == Mode.SENTINEL && master.isEmpty()) {
            throw new InvalidSettingException(SENTINEL_MASTER, "", "is required when REDIS_MODE=sentinel");
        }
        if (mode == Mode.SENTINEL && sentinels.isEmpty()) {
            throw new InvalidSettingException(SENTINEL_NODES, "", "is required when REDIS_MODE=sentinel");
        }
        if (mode == Mode.CLUSTER && cluster.isEmpty()) {
            throw new InvalidSettingException(CLUSTER_NODES, "", "is required when REDIS_MODE=cluster");
        }
        return new RedisTopology(mode, master, sentinels, sentinelPassword, cluster);
    }

    /** {@code host:port} entries separated by commas or spaces; a list of its own syntax, so parsed here. */
    private static Set<HostAndPort> nodes(SettingReader settings, String name) {
        Optional<String> raw = settings.text(name);
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        if (raw.isEmpty()) {
            return nodes;
        }
        for (String part : raw.get().split("[,\\s]+")) {
            int colon = part.lastIndexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw new InvalidSettingException(name, raw.get(), "entry '" + part + "' is not host:port");
            }
            int port;
            try {
                port = Integer.parseInt(part.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(name, raw.get(), "entry '" + part + "' has no numeric port");
            }
            if (port < 1 || port > 65_535) {
                throw new InvalidSettingException(name, raw.get(), "entry '" + part + "' has a port out of range");
            }
            nodes.add(new HostAndPort(part.substring(0, colon), port));
        }
        return nodes;
    }
}
