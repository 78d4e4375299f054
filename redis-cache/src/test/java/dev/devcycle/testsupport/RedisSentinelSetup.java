package dev.devcycle.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A master, one replica and three sentinels (quorum 2), all processes of the test's own. Start-up waits for what
 * is easy to miss: the replica's link up and every sentinel knowing the replica and the other sentinels, so that a
 * failover can actually happen.
 */
public final class RedisSentinelSetup implements AutoCloseable {

    public static final String MASTER_NAME = "devcycle-master";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final RedisServerProcess master;
    private final RedisServerProcess replica;
    private final List<RedisServerProcess> sentinels = new ArrayList<>();

    public RedisSentinelSetup() {
        master = RedisServerProcess.start();
        replica = RedisServerProcess.start("--replicaof", "127.0.0.1", String.valueOf(master.port()));
        String config = "port ${port}\n"
                + "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 2\n"
                + "sentinel down-after-milliseconds " + MASTER_NAME + " 1000\n"
                + "sentinel failover-timeout " + MASTER_NAME + " 5000\n"
                + "sentinel parallel-syncs " + MASTER_NAME + " 1\n";
        for (int i = 0; i < 3; i++) {
            sentinels.add(RedisServerProcess.startWithConfig(config, "--sentinel"));
        }
        awaitReady();
    }

    public RedisServerProcess master() {
        return master;
    }

    public RedisServerProcess replica() {
        return replica;
    }

    public Set<HostAndPort> sentinelNodes() {
        return sentinels.stream().map(s -> new HostAndPort("127.0.0.1", s.port())).collect(Collectors.toSet());
    }

    /** The master the sentinels currently name. */
    public HostAndPort currentMaster() {
        try (Jedis sentinel = RedisServerProcess.jedis(sentinels.get(0).port(), 2000)) {
            List<String> address = sentinel.sentinelGetMasterAddrByName(MASTER_NAME);
            return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (replicaLinked() && sentinelsKnowEachOther()) {
                return;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("sentinel set-up not ready within " + READY_TIMEOUT);
    }

    private boolean replicaLinked() {
        try (Jedis r = RedisServerProcess.jedis(replica.port(), 1000)) {
            return r.info("replication").contains("master_link_status:up");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean sentinelsKnowEachOther() {
        for (RedisServerProcess s : sentinels) {
            try (Jedis j = RedisServerProcess.jedis(s.port(), 1000)) {
                String info = j.info("sentinel");
                if (!info.contains("slaves=1") || !info.contains("sentinels=3")) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        sentinels.forEach(RedisServerProcess::close);
        replica.close();
        master.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
