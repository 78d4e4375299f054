package dev.devcycle.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.ws.rs.core.Response;

import dev.devcycle.cache.CacheResult;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** The cache admin resource over the caches of a running container (called directly, without an HTTP server). */
class NamedCacheResourceTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    @jakarta.enterprise.context.ApplicationScoped
    public static class Greetings {
        @CacheResult(cacheName = "greeting")
        public String greet(String name) {
            return "hello " + name;
        }
    }

    static CacheTestContainer container;
    static NamedCacheResource resource;

    @BeforeAll
    static void start() {
        CacheTestContainer.configure(redis, Map.of());
        container = CacheTestContainer.start(Greetings.class);
        resource = new NamedCacheResource();
        resource.caches = container.caches();
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsShowsAndClearsCaches() {
        Greetings greetings = container.bean(Greetings.class);
        greetings.greet("a");
        greetings.greet("a");
        greetings.greet("b");

        List<Map<String, Object>> list = resource.list();
        assertEquals(List.of("greeting"), list.stream().map(m -> m.get("name")).toList());

        Response one = resource.get("greeting");
        assertEquals(200, one.getStatus());
        Map<String, Object> stats = (Map<String, Object>) one.getEntity();
        assertEquals(1L, stats.get("hits"));
        assertEquals(2L, stats.get("misses"));
        assertEquals(2L, stats.get("loads"));
        // The REST layer names the module's counters (snake_case, as the API always had them).
        assertEquals("greeting", stats.get("name"));
        assertTrue(stats.containsKey("suppressed_loads") && stats.containsKey("errors"), stats.toString());
        assertEquals("off", stats.get("near_cache"));

        Response cleared = resource.clear("greeting");
        assertEquals(200, cleared.getStatus());
        assertTrue(((Map<String, Long>) cleared.getEntity()).get("deleted") >= 2);
        try (Jedis jedis = redis.jedis()) {
            assertNull(jedis.get("devcycle:greeting:a"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void unknownCacheIs404WithJsonError() {
        Response missing = resource.get("nope");
        assertEquals(404, missing.getStatus());
        assertEquals("no cache named 'nope'", ((Map<String, String>) missing.getEntity()).get("error"));
        assertEquals(404, resource.clear("nope").getStatus());
    }
}
