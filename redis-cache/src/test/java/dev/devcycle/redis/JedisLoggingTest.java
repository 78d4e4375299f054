package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.DeclarativeCacheStatistics;
import dev.devcycle.cache.DeclarativeCaches;
import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.RedisCaches;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.JedisLogLines;
import dev.devcycle.testsupport.RedisServerExtension;

/**
 * What Jedis logs while the module starts and works normally: nothing at WARNING — the pooled client, the near
 * cache's tracking connection, SCAN over the keyspace and the tests' own connections included. Jedis' warnings are
 * kept for real problems (sentinel topology: {@code SentinelTopologyTest}).
 */
class JedisLoggingTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    @Test
    void aNormalStartAndWorkloadLogNoJedisWarnings() throws Exception {
        CacheTestContainer.configure(redis, Map.of("cache.logged.near-cache", "true"));
        try (JedisLogLines jedisLog = new JedisLogLines();
             CacheTestContainer app = CacheTestContainer.start();
             var admin = redis.jedis()) {
            RedisCache cache = app.bean(RedisCaches.class).cache("logged:");
            assertTrue(cache.set("k", "v"));
            assertEquals(1, cache.clearPattern("*"));
            DeclarativeCaches caches = app.bean(DeclarativeCaches.class);
            caches.cache("logged", String.class).loadAll(List.of("a"), keys -> Map.of("a", "x"));
            DeclarativeCacheStatistics stats = caches.statistics("logged").orElseThrow();
            for (int i = 0; i < 100 && stats.nearCacheState() != DeclarativeCacheStatistics.NearCacheState.TRACKING;
                 i++) {
                Thread.sleep(20);
            }
            assertEquals(DeclarativeCacheStatistics.NearCacheState.TRACKING, stats.nearCacheState());
            admin.set("raw", "x");
            assertEquals(List.of(), jedisLog.warnings());
        }
    }
}
