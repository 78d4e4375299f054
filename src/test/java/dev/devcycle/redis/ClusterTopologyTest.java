package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.cache.internal.interceptor.Agents;
import dev.devcycle.session.store.SessionIdGenerator;
import dev.devcycle.session.store.SessionInfo;
import dev.devcycle.session.store.SessionStatistics;
import dev.devcycle.session.store.SessionStore;
import dev.devcycle.session.store.TokenHash;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisClusterSetup;
import dev.devcycle.testsupport.RedisServerProcess;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The same RedisCache on a 3+3 Redis Cluster: data on every primary, pattern clears on every primary, failover. */
class ClusterTopologyTest {

    private RedisClusterSetup cluster;

    @BeforeEach
    void start() {
        cluster = new RedisClusterSetup();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private UnifiedJedis client() {
        RedisSettings settings = new RedisSettings("unused-in-cluster-mode", 6379, Optional.empty(), 0, 8,
                Duration.ofMillis(500), Duration.ofMillis(500), true);
        return RedisClientFactory.create(settings, RedisTopology.cluster(cluster.seedNodes()), RedisSecurity.none(),
                RedisCircuitBreaker.disabled());
    }

    @Test
    void keysSpreadOverEveryPrimaryAndClearReachesThemAll() {
        try (UnifiedJedis client = client()) {
            RedisCache cache = new RedisCache(client, "cl:", new ValueCodec(), 1 << 20);
            RedisCache other = new RedisCache(client, "other:", new ValueCodec(), 1 << 20);
            for (int i = 0; i < 3000; i++) {
                assertTrue(cache.set("k" + i, i));
            }
            for (int i = 0; i < 30; i++) {
                other.set("k" + i, i);
            }
            List<RedisServerProcess> primaries = cluster.primaries();
            assertEquals(3, primaries.size());
            for (RedisServerProcess primary : primaries) {
                try (Jedis node = RedisServerProcess.jedis(primary.port(), 2000)) {
                    assertTrue(node.dbSize() > 500, "every primary holds a share, node " + primary.port());
                }
            }
            assertEquals(3000L, cache.report().totalKeys(), "counted on every primary, replicas skipped");
            assertEquals(Optional.of(42), cache.get("k42", Integer.class));

            assertEquals(3000, cache.clearPattern("k*"));
            assertEquals(0L, cache.report().totalKeys());
            assertEquals(30L, other.report().totalKeys(), "other namespace untouched");
        }
    }

    @Test
    void aKilledPrimaryIsReplacedByItsReplicaAndNoCallFails() throws Exception {
        try (UnifiedJedis client = client()) {
            RedisCache cache = new RedisCache(client, "fo:", new ValueCodec(), 1 << 20);
            for (int i = 0; i < 300; i++) {
                cache.set("k" + i, i);
            }
            cluster.primaries().get(0).kill();
            long start = System.nanoTime();
            // Fail-open while the replica takes over: no exception reaches the caller.
            for (int i = 0; i < 300; i++) {
                cache.get("k" + i, Integer.class);
            }
            assertTrue(cluster.awaitState(Duration.ofSeconds(30)), "cluster_state:ok after failover");
            assertEquals(3, cluster.primaries().size(), "the replica was promoted");
            boolean allWritable = false;
            while (!allWritable && System.nanoTime() - start < Duration.ofSeconds(30).toNanos()) {
                allWritable = true;
                for (int i = 0; i < 300; i++) {
                    allWritable &= cache.set("k" + i, i);
                }
            }
            assertTrue(allWritable, "every slot writable again after failover");
            assertEquals(Optional.of(7), cache.get("k7", Integer.class));
        }
    }

    /**
     * The session state (the Python services' keys, scripts of one key each, SCAN for stats and pruning) on the
     * cluster.
     */
    @Test
    void sessionStoreWorksOnTheCluster() {
        try (UnifiedJedis client = client()) {
            SessionStore store = new SessionStore(client, Clock.systemUTC(), Duration.ofSeconds(5));
            SessionIdGenerator ids = new SessionIdGenerator();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < 30; i++) {
                String id = ids.next();
                store.create(new SessionInfo(id, "user" + (i % 10), now, now.plus(Duration.ofMinutes(5)), "127.0.0.1",
                        "JUnit", TokenHash.of("token-" + id)));
            }
            assertTrue(store.blacklist(TokenHash.of("revoked"), now.plus(Duration.ofMinutes(5))));
            SessionStatistics stats = store.statistics();
            assertEquals(30, stats.totalActiveSessions(), "sessions on every primary counted");
            assertEquals(10, stats.totalUsersWithSessions());
            assertEquals(1, stats.totalBlacklistedTokens());
            assertTrue(store.isBlacklisted(TokenHash.of("revoked")));
            assertEquals(3, store.sessionsOf("user1").size());
            assertEquals(3, store.revokeAll("user1"));
            assertEquals(27, store.statistics().totalActiveSessions());
        }
    }

    /**
     * The declarative caches' scripts touch a key, its generation and lease, and the cache's generation: in cluster
     * mode they must share a slot, which a hash tag in the cache name gives (README). Checked on the real cluster.
     */
    @Test
    void aHashTaggedCacheNameKeepsEveryScriptKeyInOneSlot() {
        String prefix = "devcycle:{agent}:availability:";
        List<String> keys = List.of(prefix + "agent-1", prefix + "agent-1:\\gen", prefix + "agent-1:\\lock",
                prefix + "\\gen");
        try (UnifiedJedis client = client()) {
            Object reply = client.eval("for i, k in ipairs(KEYS) do redis.call('SET', k, '1') end return #KEYS",
                    keys, List.of());
            assertEquals(4L, reply, "one script over all four keys: no CROSSSLOT");
            assertEquals(1, keys.stream().map(JedisClusterCRC16::getSlot).distinct().count());
        }
    }

    /**
     * The annotated cache on the cluster with the Python services' untagged key names: the value under the exact key,
     * its generation and lease in the same slot ({K}:\\gen), hits, and an invalidation that a later read sees.
     */
    @Test
    void annotatedCacheWorksOnTheClusterWithThePythonServicesKeys() {
        CacheTestContainer.configure(cluster.nodes().get(0).port(), Map.of("redis.mode", "cluster",
                "redis.cluster.nodes", cluster.seedNodes().stream().map(Object::toString)
                        .collect(java.util.stream.Collectors.joining(","))));
        try (CacheTestContainer app = CacheTestContainer.start(Agents.class); UnifiedJedis raw = client()) {
            Agents agents = app.bean(Agents.class);
            agents.setAvailable("a-1", true);
            assertTrue(agents.isAgentAvailable("a-1"));
            assertTrue(agents.isAgentAvailable("a-1"));
            assertEquals(1, agents.calls("isAgentAvailable"), "the second call is a hit");
            assertEquals("true", raw.get("devcycle:agent:availability:a-1"), "the Python services' exact key");

            agents.setAvailable("a-1", false);
            assertEquals(JedisClusterCRC16.getSlot("devcycle:agent:availability:a-1"),
                    JedisClusterCRC16.getSlot("{devcycle:agent:availability:a-1}:\\gen"));
            assertTrue(raw.exists("{devcycle:agent:availability:a-1}:\\gen"), "generation in the key's slot");
            assertFalse(agents.isAgentAvailable("a-1"), "the invalidation is seen");
            assertEquals(2, agents.calls("isAgentAvailable"));
            assertTrue(app.caches().statistics("agent:availability").orElseThrow().hits() >= 1);
        } finally {
            CacheTestContainer.configure(cluster.nodes().get(0).port(), Map.of());
        }
    }
}
