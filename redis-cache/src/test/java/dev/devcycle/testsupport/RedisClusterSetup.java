package dev.devcycle.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster of the test's own: three primaries and three replicas, made with {@code redis-cli --cluster
 * create}. Start-up waits until every node says {@code cluster_state:ok} and knows all six nodes.
 */
public final class RedisClusterSetup implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private final List<RedisServerProcess> nodes = new ArrayList<>();

    public RedisClusterSetup() {
        // Validity factor 0: a replica may always take over; a fresh replica would otherwise count as too stale.
        String config = "cluster-enabled yes\ncluster-config-file nodes-${port}.conf\ncluster-node-timeout 2000\n"
                + "cluster-replica-validity-factor 0\n";
        for (int i = 0; i < 6; i++) {
            nodes.add(RedisServerProcess.startWithConfig(config));
        }
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(n -> command.add("127.0.0.1:" + n.port()));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        run(command);
        awaitReady();
    }

    public List<RedisServerProcess> nodes() {
        return nodes;
    }

    public Set<HostAndPort> seedNodes() {
        return nodes.stream().map(n -> new HostAndPort("127.0.0.1", n.port())).collect(Collectors.toSet());
    }

    /** The nodes that are primaries right now. */
    public List<RedisServerProcess> primaries() {
        return nodes.stream().filter(RedisServerProcess::isRunning).filter(n -> {
            try (Jedis j = RedisServerProcess.jedis(n.port(), 1000)) {
                return j.info("replication").contains("role:master");
            } catch (RuntimeException e) {
                return false;
            }
        }).toList();
    }

    /** Waits until the running nodes agree the cluster is whole again (e.g. after a failover). */
    public boolean awaitState(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (allOk()) {
                return true;
            }
            sleep(100);
        }
        return false;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (allOk() && primaries().size() == 3 && replicasLinked()) {
                return;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("cluster not ok within " + READY_TIMEOUT);
    }

    private boolean replicasLinked() {
        int linked = 0;
        for (RedisServerProcess n : nodes) {
            try (Jedis j = RedisServerProcess.jedis(n.port(), 1000)) {
                if (j.info("replication").contains("master_link_status:up")) {
                    linked++;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return linked == 3;
    }

    private boolean allOk() {
        for (RedisServerProcess n : nodes) {
            if (!n.isRunning()) {
                continue;
            }
            try (Jedis j = RedisServerProcess.jedis(n.port(), 1000)) {
                String info = j.clusterInfo();
                if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:6")) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli not found: apt-get install -y redis-tools", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(RedisServerProcess::close);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
