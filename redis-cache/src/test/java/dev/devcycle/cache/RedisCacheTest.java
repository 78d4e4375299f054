package dev.devcycle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/** The seed's test_redis_cache.py behaviours, observed on a real redis-server, plus what the seed got wrong. */
class RedisCacheTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    public record User(String name, String email, int loginCount) {
    }

    static final Type LIST_OF_STRINGS = new java.util.ArrayList<String>() { }.getClass().getGenericSuperclass();
    static final Type MAP_OF_OBJECTS = new java.util.HashMap<String, Object>() { }.getClass().getGenericSuperclass();

    private UnifiedJedis client;
    private RedisCache cache;
    private Jedis raw;

    @BeforeEach
    void setUp() {
        client = RedisClientFactory.create(redis.settings());
        cache = new RedisCache(client, "test:", new ValueCodec(), 1024 * 1024);
        raw = redis.jedis();
    }

    @AfterEach
    void tearDown() {
        raw.close();
        client.close();
    }

    @Test
    void keysArePrefixedWithTheNamespace() {
        assertTrue(cache.set("user:123", "x"));
        assertEquals("x", raw.get("test:user:123"));
        assertNull(raw.get("user:123"));
        assertEquals("test:user:123", cache.redisKey("user:123"));
    }

    @Test
    void defaultNamespaceIsTheSeeds() {
        assertEquals("devcycle:cache:", RedisCache.DEFAULT_NAMESPACE);
    }

    @Test
    void emptyKeyOrNamespaceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> cache.get("", String.class));
        assertThrows(IllegalArgumentException.class, () -> new RedisCache(client, "", new ValueCodec(), 10));
    }

    @Test
    void getOfAbsentKeyIsEmptyAndCountsAMiss() {
        assertEquals(Optional.empty(), cache.get("nope", String.class));
        assertEquals(1, cache.statistics().misses());
        assertEquals(0, cache.statistics().hits());
    }

    @Test
    void stringIsStoredRawAndReadBackExactly() {
        cache.set("s", "hello \"world\" ü");
        assertEquals("hello \"world\" ü", raw.get("test:s"));
        assertEquals(Optional.of("hello \"world\" ü"), cache.get("s", String.class));
        assertEquals(1, cache.statistics().hits());
    }

    @Test
    void objectsAreStoredAsSnakeCaseJsonAndReadBack() {
        cache.set("u", new User("John", "john@example.com", 3));
        assertEquals("{\"email\":\"john@example.com\",\"login_count\":3,\"name\":\"John\"}", raw.get("test:u"));
        assertEquals(Optional.of(new User("John", "john@example.com", 3)), cache.get("u", User.class));
    }

    @Test
    void genericTypesReadBack() {
        cache.set("list", List.of("a", "b"));
        cache.set("map", Map.of("name", "John", "age", 42, "tags", List.of("x")));
        assertEquals(List.of("a", "b"), cache.<List<String>>get("list", LIST_OF_STRINGS).orElseThrow());
        Map<String, Object> map = cache.<Map<String, Object>>get("map", MAP_OF_OBJECTS).orElseThrow();
        assertEquals("John", map.get("name"));
        assertEquals(0, new BigDecimal("42").compareTo(new BigDecimal(map.get("age").toString())));
        assertEquals(List.of("x"), map.get("tags"));
    }

    @Test
    void primitivesAndBooleansAreJson() {
        cache.set("n", 42);
        cache.set("b", true);
        assertEquals("42", raw.get("test:n"));
        assertEquals("true", raw.get("test:b"));
        assertEquals(Optional.of(42), cache.get("n", Integer.class));
        assertEquals(Optional.of(true), cache.get("b", Boolean.class));
    }

    @Test
    void setWithoutTtlNeverExpires() {
        assertTrue(cache.set("k", "v"));
        assertEquals(-1, raw.ttl("test:k"));
        assertEquals(-1, cache.getTtl("k"));
    }

    @Test
    void setWithTtlExpires() throws InterruptedException {
        assertTrue(cache.set("k", "v", Duration.ofSeconds(300)));
        long ttl = cache.getTtl("k");
        assertTrue(ttl > 295 && ttl <= 300, "ttl " + ttl);

        assertTrue(cache.set("short", "v", Duration.ofMillis(300)));
        long pttl = raw.pttl("test:short");
        assertTrue(pttl > 0 && pttl <= 300, "sub-second TTL kept to the millisecond: " + pttl);
        Thread.sleep(450);
        assertFalse(cache.exists("short"), "expired");
        assertEquals(Optional.empty(), cache.get("short", String.class));
    }

    @Test
    void invalidTtlAndNullValueAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> cache.set("k", "v", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> cache.set("k", "v", Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> cache.set("k", null));
    }

    @Test
    void getTtlOfAbsentKeyIsMinusTwo() {
        assertEquals(-2, cache.getTtl("absent"));
    }

    @Test
    void deleteAndExists() {
        cache.set("k", "v");
        assertTrue(cache.exists("k"));
        assertTrue(cache.delete("k"));
        assertFalse(cache.exists("k"));
        assertFalse(cache.delete("k"), "second delete finds nothing");
        assertNull(raw.get("test:k"));
    }

    @Test
    void clearPatternRemovesOnlyMatchingKeysOfTheNamespace() {
        cache.set("user:1", "a");
        cache.set("user:2", "b");
        cache.set("order:1", "c");
        raw.set("user:1", "outside the namespace");
        raw.set("other:user:1", "other namespace");

        assertEquals(2, cache.clearPattern("user:*"));
        assertFalse(cache.exists("user:1"));
        assertTrue(cache.exists("order:1"));
        assertEquals("outside the namespace", raw.get("user:1"));
        assertEquals("other namespace", raw.get("other:user:1"));
    }

    @Test
    void clearPatternCannotReachOutsideTheNamespace() {
        raw.set("secret", "x");
        raw.set("tesT:x", "similar prefix");
        cache.set("a", "1");
        assertEquals(1, cache.clearPattern("*"));
        assertEquals(0, cache.clearPattern("../*"));
        assertEquals("x", raw.get("secret"));
        assertEquals("similar prefix", raw.get("tesT:x"));
    }

    @Test
    void globCharactersInTheNamespaceAreLiteral() {
        RedisCache globby = new RedisCache(client, "we*rd?[ns]\\:", new ValueCodec(), 1024);
        globby.set("k", "v");
        raw.set("weXXrdY[ns]\\:k", "must survive");
        raw.set("wexrdYn\\:k", "must survive too");
        assertEquals(1, globby.clearAll());
        assertEquals("must survive", raw.get("weXXrdY[ns]\\:k"));
        assertEquals("must survive too", raw.get("wexrdYn\\:k"));
    }

    @Test
    void globCharactersInKeysAreEscapedWithGlobPattern() {
        cache.set("a*b", "1");
        cache.set("aXb", "2");
        cache.set("q?[x]\\", "3");
        assertEquals(1, cache.clearPattern(GlobPattern.escape("a*b")));
        assertTrue(cache.exists("aXb"), "a literal * must not match X");
        assertEquals(1, cache.clearPattern(GlobPattern.escape("q?[x]\\")));
        assertFalse(cache.exists("q?[x]\\"));
    }

    @Test
    void clearAllRemovesTheNamespaceOnly() {
        cache.set("a", "1");
        cache.set("b", "2");
        raw.set("keep", "1");
        assertEquals(2, cache.clearAll());
        assertEquals("1", raw.get("keep"));
    }

    @Test
    void clearPatternOverTwentyThousandKeysLeavesOtherNamespacesUntouched() {
        RedisCache other = new RedisCache(client, "other:", new ValueCodec(), 1024);
        try (var pipeline = raw.pipelined()) {
            for (int i = 0; i < 20_000; i++) {
                pipeline.set("test:bulk:" + i, "v");
            }
            for (int i = 0; i < 500; i++) {
                pipeline.set("other:bulk:" + i, "v");
            }
            pipeline.sync();
        }
        long start = System.nanoTime();
        assertEquals(20_000, cache.clearPattern("bulk:*"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < 20_000, "took " + elapsedMs + " ms");
        assertEquals(500, ((Number) other.getStats().get("total_keys")).longValue());
    }

    @Test
    void namespacesAreIsolated() {
        RedisCache a = new RedisCache(client, "a:", new ValueCodec(), 1024);
        RedisCache b = new RedisCache(client, "b:", new ValueCodec(), 1024);
        a.set("k", "from a");
        b.set("k", "from b");
        assertEquals(Optional.of("from a"), a.get("k", String.class));
        assertEquals(Optional.of("from b"), b.get("k", String.class));
        a.clearAll();
        assertEquals(Optional.of("from b"), b.get("k", String.class));
    }

    @Test
    void statsHaveTheSeedFieldsAndTheCounters() {
        cache.set("a", "1");
        cache.set("b", "2");
        raw.set("elsewhere", "x");
        cache.get("a", String.class);
        cache.get("missing", String.class);

        Map<String, Object> stats = cache.getStats();
        assertEquals(2L, stats.get("total_keys"));
        assertEquals(true, stats.get("redis_connected"));
        assertTrue(stats.get("redis_version").toString().matches("\\d+\\.\\d+\\.\\d+"), stats.toString());
        assertTrue(stats.get("used_memory").toString().matches("[\\d.]+[BKMG]"), stats.toString());
        assertTrue(((Number) stats.get("connected_clients")).longValue() >= 1);
        assertEquals(1L, stats.get("hits"));
        assertEquals(1L, stats.get("misses"));
        assertEquals(0L, stats.get("errors"));
        assertEquals(0.5, stats.get("hit_ratio"));
    }

    @Test
    void healthCheckSucceedsAndFails() {
        assertTrue(cache.healthCheck());
        redis.server().kill();
        assertFalse(cache.healthCheck());
    }

    @Test
    void undecodableValueIsAMissAndIsEvicted() {
        raw.set("test:u", "{not json");
        assertEquals(Optional.empty(), cache.get("u", User.class));
        assertEquals(1, cache.statistics().misses());
        assertFalse(raw.exists("test:u"), "evicted so the next load replaces it");
    }

    @Test
    void aValueOfAnotherShapeIsAMissAndIsEvictedNeverHalfRead() {
        // Another writer's object: none of the record's components, or one of another JSON type.
        for (String foreign : List.of("{\"user\": {\"name\": \"Ann\"}, \"last_check\": 1.5}",
                "{\"name\": \"Ann\", \"email\": \"a@example.com\"}",
                "{\"name\": \"Ann\", \"email\": \"a@example.com\", \"login_count\": \"3\"}",
                "{\"name\": \"Ann\", \"email\": \"a@example.com\", \"login_count\": 2.5}",
                "[\"Ann\", \"a@example.com\", 3]", "true", "NaN")) {
            raw.set("test:u", foreign);
            assertEquals(Optional.empty(), cache.get("u", User.class), foreign);
            assertFalse(raw.exists("test:u"), "evicted so the next load replaces it: " + foreign);
        }
        raw.set("test:u", "{\"name\": \"Ann\", \"email\": null, \"login_count\": 3.0, \"extra\": [1]}");
        assertEquals(Optional.of(new User("Ann", null, 3)), cache.get("u", User.class),
                "explicit null and a whole float read; extra members are ignored");
    }

    @Test
    void valuesOverTheLimitAreNotStored() {
        RedisCache small = new RedisCache(client, "small:", new ValueCodec(), 10);
        assertFalse(small.set("k", "x".repeat(11)));
        assertFalse(raw.exists("small:k"));
        assertTrue(small.set("k", "x".repeat(10)));
    }

    @Test
    void everyOperationFailsOpenWithinTheTimeoutWhenRedisIsDown() {
        cache.set("k", "v");
        redis.server().kill();

        long start = System.nanoTime();
        assertEquals(Optional.empty(), cache.get("k", String.class));
        assertFalse(cache.set("k", "v"));
        assertFalse(cache.set("k", "v", Duration.ofSeconds(5)));
        assertFalse(cache.delete("k"));
        assertFalse(cache.exists("k"));
        assertEquals(-2, cache.getTtl("k"));
        assertEquals(0, cache.clearPattern("*"));
        assertEquals(0, cache.clearAll());
        Map<String, Object> stats = cache.getStats();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(false, stats.get("redis_connected"));
        assertTrue(stats.get("error").toString().contains("Exception"), stats.toString());
        assertTrue(cache.statistics().errors() >= 9, "errors counted: " + cache.statistics().errors());
        // Ten operations, each bounded by connect timeout (2 s here) with one retry.
        assertTrue(elapsedMs < 10 * 2 * 2_000, "took " + elapsedMs + " ms");
    }

    @Test
    void frozenRedisCostsAtMostTheSocketTimeoutPerCall() {
        cache.set("k", "v");
        redis.server().freeze();
        try {
            long start = System.nanoTime();
            assertEquals(Optional.empty(), cache.get("k", String.class));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            // socket timeout 2 s, one retry, whose connect to the frozen server also times out
            assertTrue(elapsedMs < 2 * 2_000 + 1_000, "took " + elapsedMs + " ms");
        } finally {
            redis.server().thaw();
        }
    }

    @Test
    void cachingResumesAfterRedisRestartWithoutNewClient() {
        redis.server().kill();
        assertFalse(cache.set("k", "v"));
        redis.server().restart();
        assertTrue(cache.set("k", "v"));
        assertEquals(Optional.of("v"), cache.get("k", String.class));
    }
}
