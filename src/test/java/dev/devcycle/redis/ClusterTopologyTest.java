package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.testsupport.RedisClusterSetup;
import dev.devcycle.testsupport.RedisServerProcess;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

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
                try (Jedis node = new Jedis("127.0.0.1", primary.port())) {
                    assertTrue(node.dbSize() > 500, "every primary holds a share, node " + primary.port());
                }
            }
            assertEquals(3000L, cache.getStats().get("total_keys"), "counted on every primary, replicas skipped");
            assertEquals(Optional.of(42), cache.get("k42", Integer.class));

            assertEquals(3000, cache.clearPattern("k*"));
            assertEquals(0L, cache.getStats().get("total_keys"));
            assertEquals(30L, other.getStats().get("total_keys"), "other namespace untouched");
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
}
