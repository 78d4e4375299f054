package dev.devcycle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.redis.InvalidSettingException;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import redis.clients.jedis.Jedis;

/**
 * A declarative cache used outside the interceptors: its keys rendered as the annotation renders them (escaping
 * included), its TTLs and type those of the {@code @CacheResult} method that declares it, never restated.
 */
class DeclarativeCacheTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    /** Calls of the cached methods (static: the test sees the bean through its CDI proxy). */
    static final AtomicInteger CALLS = new AtomicInteger();

    @ApplicationScoped
    public static class Prices {

        @CacheResult(cacheName = "price", ttl = "45s", negativeTtl = "5s")
        public Optional<Integer> price(String item) {
            CALLS.incrementAndGet();
            return item.startsWith("none") ? Optional.empty() : Optional.of(item.length());
        }

        @CacheResult(cacheName = "tags", ttl = "1m")
        public List<String> tags(String item) {
            CALLS.incrementAndGet();
            return List.of(item);
        }

        @CacheResult(cacheName = "disputed", ttl = "10s")
        public String first(String key) {
            return key;
        }

        @CacheResult(cacheName = "disputed", ttl = "20s")
        public String second(String key) {
            return key;
        }
    }

    static CacheTestContainer container;
    static Prices prices;
    static DeclarativeCaches caches;

    @BeforeAll
    static void start() {
        CacheTestContainer.configure(redis, Map.of("cache.mistyped.warm-on-start", "ture"));
        container = CacheTestContainer.start(Prices.class);
        prices = container.bean(Prices.class);
        caches = container.bean(DeclarativeCaches.class);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @BeforeEach
    void clean() {
        try (Jedis jedis = redis.jedis()) {
            jedis.flushAll();
        }
        CALLS.set(0);
    }

    @Test
    void aBulkLoadUsesTheMethodsTtlsAndItsKeys() {
        DeclarativeCache<Integer> cache = caches.cache("price", Integer.class);
        Map<String, Integer> values = new HashMap<>();
        values.put("a:b", 3);
        values.put("none-1", null);
        assertEquals(2, cache.loadAll(List.of("a:b", "none-1", "not-loaded"), keys -> values));
        try (Jedis jedis = redis.jedis()) {
            // The part's ':' is escaped, as the annotation escapes it, so no caller can build another key's name.
            assertEquals("3", jedis.get("devcycle:price:a\\:b"));
            long ttl = jedis.pttl("devcycle:price:a\\:b");
            assertTrue(ttl > 40_000 && ttl <= 45_000, "the method's ttl = 45s, was " + ttl);
            assertEquals("null", jedis.get("devcycle:price:none-1"));
            long negative = jedis.pttl("devcycle:price:none-1");
            assertTrue(negative > 0 && negative <= 5_000, "the method's negativeTtl = 5s, was " + negative);
            assertFalse(jedis.exists("devcycle:price:not-loaded"));
        }
        assertEquals(Optional.of(3), prices.price("a:b"), "the annotated method reads the same entry");
        assertEquals(Optional.empty(), prices.price("none-1"), "and the negative one");
        assertEquals(0, CALLS.get(), "both hits");
        assertEquals("devcycle:price:a\\:b", cache.redisKey("a:b"));
    }

    @Test
    void getAllPresentReturnsHitsOnlyNegativesAsNull() {
        prices.price("abc");
        prices.price("none-2");
        Map<String, Integer> found = caches.cache("price", Integer.class)
                .getAllPresent(List.of("abc", "none-2", "never"));
        Map<String, Integer> expected = new HashMap<>();
        expected.put("abc", 3);
        expected.put("none-2", null);
        assertEquals(expected, found);
        DeclarativeCache<List<String>> tags = caches.cache("tags", new TypeLiteral<List<String>>() { });
        prices.tags("x");
        assertEquals(Map.of("x", List.of("x")), tags.getAllPresent(List.of("x")), "a generic value type");
    }

    @Test
    void invalidateTakesKeyParts() {
        DeclarativeCache<Integer> cache = caches.cache("price", Integer.class);
        prices.price("q:r");
        cache.invalidate("q:r");
        try (Jedis jedis = redis.jedis()) {
            assertNull(jedis.get("devcycle:price:q\\:r"));
        }
        prices.price("q:r");
        assertEquals(2, CALLS.get(), "loaded again after the invalidation");
    }

    @Test
    void theHandleMustAgreeWithTheDeclaration() {
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> caches.cache("price", String.class));
        assertTrue(type.getMessage().contains("holds java.lang.Integer"), type.getMessage());
        IllegalStateException ttl = assertThrows(IllegalStateException.class,
                () -> caches.cache("disputed", String.class));
        assertTrue(ttl.getMessage().contains("first") && ttl.getMessage().contains("second"), ttl.getMessage());
        InvalidSettingException warm = assertThrows(InvalidSettingException.class,
                () -> caches.cache("mistyped", String.class));
        assertTrue(warm.getMessage().contains("'ture'"), warm.getMessage());
    }
}
