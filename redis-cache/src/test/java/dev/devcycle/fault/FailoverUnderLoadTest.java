package dev.devcycle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.RedisCaches;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisClusterSetup;
import dev.devcycle.testsupport.RedisSentinelSetup;
import dev.devcycle.testsupport.RedisServerProcess;
import dev.devcycle.testsupport.ReliabilityFigures;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The application (annotated bean and {@code RedisCache}, in Weld SE, configured for sentinel or cluster mode) under
 * a concurrent load loop while a master is SIGKILLed: no call may fail or answer wrongly, writes must resume on the
 * promoted replica, and the time to recover is the figure.
 */
class FailoverUnderLoadTest {

    private static final int THREADS = 4;
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);

    @Test
    void sentinel_masterKilledUnderLoad_noCallFails_writesResumeOnThePromotedReplica() throws Exception {
        try (RedisSentinelSetup sentinel = new RedisSentinelSetup()) {
            Map<String, String> config = timeouts();
            config.put("redis.mode", "sentinel");
            config.put("redis.sentinel.master", RedisSentinelSetup.MASTER_NAME);
            config.put("redis.sentinel.nodes", join(sentinel.sentinelNodes()));
            CacheTestContainer.configure(sentinel.master().port(), config);
            try (CacheTestContainer app = CacheTestContainer.start(CachedDirectory.class)) {
                HostAndPort before = sentinel.currentMaster();
                int replicaPort = sentinel.replica().port();
                Outcome outcome = killUnderLoad(app, sentinel.master(), replicaPort);
                assertNotEquals(before, sentinel.currentMaster(), "a replica was promoted");
                assertEquals(replicaPort, sentinel.currentMaster().getPort());
                report("sentinel: master SIGKILL under load", outcome);
                long hits = app.caches().statistics("agent:availability").orElseThrow().hits();
                ReliabilityFigures.record("sentinel: master SIGKILL under load", "annotated cache hits", hits);
                assertTrue(hits > 0, "the annotated cache served hits");
            }
        }
    }

    @Test
    void cluster_primaryKilledUnderLoad_noCallFails_everySlotWritableAgain() throws Exception {
        try (RedisClusterSetup cluster = new RedisClusterSetup()) {
            Map<String, String> config = timeouts();
            config.put("redis.mode", "cluster");
            config.put("redis.cluster.nodes", join(cluster.seedNodes()));
            CacheTestContainer.configure(cluster.nodes().get(0).port(), config);
            try (CacheTestContainer app = CacheTestContainer.start(CachedDirectory.class)) {
                RedisServerProcess victim = cluster.primaries().get(0);
                Outcome outcome = killUnderLoad(app, victim, -1);
                assertTrue(cluster.awaitState(Duration.ofSeconds(30)), "cluster_state:ok after the failover");
                assertEquals(3, cluster.primaries().size(), "the killed primary's replica took over");
                report("cluster: primary SIGKILL under load", outcome);
                // The annotated cache keeps each key's generation and lease in the key's slot ({K}:\gen), so its
                // scripts run on a cluster with the seed's untagged key names.
                long hits = app.caches().statistics("agent:availability").orElseThrow().hits();
                ReliabilityFigures.record("cluster: primary SIGKILL under load", "annotated cache hits / errors",
                        hits + " / " + app.caches().statistics("agent:availability").orElseThrow().errors());
                assertTrue(hits > 0, "the annotated cache served hits in cluster mode");
            }
        }
    }

    /** What a kill under load measured. */
    private record Outcome(ServiceLoad.Summary load, long recoveryMillis) {
    }

    /**
     * Runs the load, kills {@code victim} after a second and a half, and measures until writes work again: on the
     * port {@code promotedPort} (sentinel: the replica, read back raw) or, with -1, for keys in every slot range
     * (cluster).
     */
    private Outcome killUnderLoad(CacheTestContainer app, RedisServerProcess victim, int promotedPort)
            throws Exception {
        CachedDirectory directory = app.bean(CachedDirectory.class);
        RedisCache cache = app.bean(RedisCaches.class).cache(RedisCache.DEFAULT_NAMESPACE);
        List<String> capabilities = List.of("python", "java");
        long recoveredAt = 0;
        long killedAt;
        ServiceLoad.Summary summary;
        try (ServiceLoad load = new ServiceLoad(THREADS, Duration.ofSeconds(45), 2_000_000, (thread, n) -> {
            switch ((int) (n % 3)) {
                case 0 -> {
                    return directory.isAvailable("on-" + n % 40) ? null : "on-" + n % 40 + " answered unavailable";
                }
                case 1 -> {
                    Optional<List<String>> c = directory.capabilities("agent-" + n % 40);
                    return c.equals(Optional.of(capabilities)) ? null : "capabilities " + c;
                }
                default -> {
                    String key = "t" + thread + "-" + n % 100;
                    cache.set(key, "v" + key, Duration.ofMinutes(1));
                    Optional<String> got = cache.get(key, String.class);
                    // Absent is a fail-open miss during the failover; another value would be a wrong answer.
                    return got.isEmpty() || got.get().equals("v" + key) ? null : key + " read " + got.get();
                }
            }
        })) {
            Thread.sleep(1_500);
            victim.kill();
            killedAt = System.nanoTime();
            int probe = 0;
            while (System.nanoTime() - killedAt < RECOVERY_LIMIT.toNanos()) {
                probe++;
                if (promotedPort > 0 ? writtenTo(cache, promotedPort, probe) : everySlotWritable(cache, probe)) {
                    recoveredAt = System.nanoTime();
                    break;
                }
                Thread.sleep(50);
            }
            Thread.sleep(1_000);
            summary = load.finish();
        }
        assertTrue(recoveredAt > 0, "writes did not resume within " + RECOVERY_LIMIT);
        assertEquals(0, summary.failures(), "failed or wrong calls: " + summary.samples());
        assertTrue(summary.calls() > 1000, "the load ran: " + summary.text());
        if (promotedPort > 0) {
            // A value loaded through the annotations after the failover lands on the promoted replica too.
            assertTrue(directory.isAvailable("on-after-failover"));
            try (Jedis promoted = RedisServerProcess.jedis(promotedPort, 1000)) {
                assertEquals("true", promoted.get("devcycle:agent:availability:on-after-failover"));
            }
        }
        return new Outcome(summary, (recoveredAt - killedAt) / 1_000_000);
    }

    private static boolean writtenTo(RedisCache cache, int port, int probe) {
        if (!cache.set("probe", "p" + probe)) {
            return false;
        }
        try (Jedis node = RedisServerProcess.jedis(port, 1000)) {
            return ("p" + probe).equals(node.get(RedisCache.DEFAULT_NAMESPACE + "probe"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** 200 keys cover every primary's slots many times over. */
    private static boolean everySlotWritable(RedisCache cache, int probe) {
        for (int i = 0; i < 200; i++) {
            if (!cache.set("probe-" + i, "p" + probe)) {
                return false;
            }
        }
        return true;
    }

    private static void report(String scenario, Outcome outcome) {
        ReliabilityFigures.record(scenario, "load", outcome.load().text());
        ReliabilityFigures.record(scenario, "writes resumed after the kill (ms)", outcome.recoveryMillis());
    }

    /** Short timeouts, so a call that meets the dead master gives up quickly; the one retry is on. */
    private static Map<String, String> timeouts() {
        Map<String, String> config = new HashMap<>();
        config.put("redis.socket.timeout", "0.5");
        config.put("redis.socket.connect.timeout", "0.5");
        config.put("redis.retry.on.timeout", "true");
        return config;
    }

    private static String join(Set<HostAndPort> nodes) {
        return nodes.stream().map(HostAndPort::toString).collect(Collectors.joining(","));
    }
}
