package dev.devcycle.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Properties;
import java.util.stream.Collectors;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

import org.junit.jupiter.api.Test;

import dev.devcycle.testsupport.RedisSentinelSetup;
import redis.clients.jedis.Jedis;

/** The provider through sentinels of the test's own: the master they name holds the entries. */
class RedisJCacheSentinelTest {

    @Test
    void cachesLiveOnTheMasterTheSentinelsName() {
        try (RedisSentinelSetup sentinels = new RedisSentinelSetup()) {
            RedisCachingProvider provider = new RedisCachingProvider();
            try {
                Properties properties = new Properties();
                properties.setProperty("redis.mode", "sentinel");
                properties.setProperty("redis.sentinel.master", RedisSentinelSetup.MASTER_NAME);
                properties.setProperty("redis.sentinel.nodes", sentinels.sentinelNodes().stream()
                        .map(n -> n.getHost() + ":" + n.getPort()).collect(Collectors.joining(",")));
                properties.setProperty("cache.timeout", "2s");
                CacheManager manager = provider.getCacheManager(URI.create("urn:sentinel"),
                        getClass().getClassLoader(), properties);
                Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<String, String>()
                        .setTypes(String.class, String.class));
                cache.put("k", "v");
                assertTrue(cache.replace("k", "v", "w"));
                assertEquals("w", cache.get("k"));
                try (Jedis master = new Jedis(sentinels.currentMaster())) {
                    assertEquals("sw", master.get("jcache:urn%3Asentinel:c:sk"));
                }
            } finally {
                provider.close();
            }
        }
    }
}
