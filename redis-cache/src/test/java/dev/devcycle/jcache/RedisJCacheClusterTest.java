package dev.devcycle.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.devcycle.testsupport.RedisClusterSetup;

/**
 * The provider on a Redis Cluster of the test's own (three primaries, three replicas): entries spread over the slots
 * by their own keys, single-key scripts, and the cache-wide operations (iterator, removeAll, clear) reaching every
 * primary with SCAN.
 */
class RedisJCacheClusterTest {

    private static RedisClusterSetup cluster;
    private static RedisCachingProvider provider;

    @BeforeAll
    static void start() {
        cluster = new RedisClusterSetup();
        provider = new RedisCachingProvider();
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyOperationWorksAcrossSlots() {
        Properties properties = new Properties();
        properties.setProperty("redis.mode", "cluster");
        properties.setProperty("redis.cluster.nodes", cluster.seedNodes().stream()
                .map(n -> n.getHost() + ":" + n.getPort()).collect(Collectors.joining(",")));
        properties.setProperty("cache.timeout", "2s");
        CacheManager manager = provider.getCacheManager(URI.create("urn:cluster"), getClass().getClassLoader(),
                properties);
        Cache<String, ArrayList<Long>> cache = manager.createCache("meta",
                new MutableConfiguration<String, ArrayList<Long>>());
        int n = 300;
        for (int i = 0; i < n; i++) {
            cache.put("k" + i, new ArrayList<>(List.of((long) i)));
        }
        assertTrue(cache.replace("k1", new ArrayList<>(List.of(1L)), new ArrayList<>(List.of(1L, 1L))));
        assertFalse(cache.putIfAbsent("k2", new ArrayList<>()));
        assertEquals(3, cache.getAll(Set.of("k3", "k4", "k5")).size());
        Set<String> seen = new HashSet<>();
        for (Cache.Entry<String, ArrayList<Long>> e : cache) {
            seen.add(e.getKey());
        }
        assertEquals(n, seen.size(), "the iterator reads every primary");
        Boolean invoked = cache.invoke("k6", (entry, args) -> {
            entry.setValue(new ArrayList<>(List.of(60L)));
            return Boolean.TRUE;
        });
        assertTrue(invoked);
        assertEquals(List.of(60L), cache.get("k6"));
        cache.removeAll(Set.of("k7", "k8"));
        assertNull(cache.get("k7"));
        cache.removeAll();
        assertFalse(cache.iterator().hasNext());
        cache.put("again", new ArrayList<>());
        cache.clear();
        assertFalse(cache.containsKey("again"));
    }
}
