package dev.devcycle.cache.internal.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.DeclarativeCacheStatistics;
import dev.devcycle.cache.internal.CacheRegistry;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;

/**
 * The annotations on a CDI bean, against a real redis-server: hits and misses proven by the bean's call counters and
 * by the raw keys in Redis.
 */
class CacheAnnotationsTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    static CacheTestContainer container;
    static Agents agents;
    static CacheRegistry caches;

    @BeforeAll
    static void start() {
        CacheTestContainer.configure(redis, Map.of());
        container = CacheTestContainer.start(Agents.class);
        agents = container.bean(Agents.class);
        caches = container.caches();
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @BeforeEach
    void reset() {
        agents.reset();
    }

    private static String raw(String key) {
        try (Jedis jedis = redis.jedis()) {
            return jedis.get(key);
        }
    }

    private static long pttl(String key) {
        try (Jedis jedis = redis.jedis()) {
            return jedis.pttl(key);
        }
    }

    @Test
    void booleanResultIsStoredUnderTheDocumentedKeyAsJson() {
        agents.storeAvailability("a-1", true);
        // The container lives for the whole class, so counters are compared with their values before.
        DeclarativeCacheStatistics stats = caches.readThrough("agent:availability").statistics();
        long hits = stats.hits();
        long misses = stats.misses();
        long loads = stats.loads();

        assertTrue(agents.isAgentAvailable("a-1"));
        assertTrue(agents.isAgentAvailable("a-1"));

        assertEquals(1, agents.calls("isAgentAvailable"), "second call must be a hit");
        assertEquals("true", raw("devcycle:agent:availability:a-1"));
        long ttl = pttl("devcycle:agent:availability:a-1");
        assertTrue(ttl > 26_500 && ttl <= 30_000, "ttl from the annotation (30s, less the default jitter of up to 10 %), "
                + "was " + ttl);
        assertSame(stats, caches.statistics("agent:availability").orElseThrow());
        assertEquals(hits + 1, stats.hits());
        assertEquals(misses + 1, stats.misses());
        assertEquals(loads + 1, stats.loads());
    }

    @Test
    void valueWrittenByAnotherServiceIsAHit() {
        try (Jedis jedis = redis.jedis()) {
            jedis.set("devcycle:agent:availability:py-1", "true");
        }
        assertTrue(agents.isAgentAvailable("py-1"));
        assertEquals(0, agents.calls("isAgentAvailable"));
    }

    @Test
    void anEntryOfAnotherShapeIsAMissAndIsReplacedNeverHalfRead() {
        agents.store(new Agents.Agent("py-2", "Ann", 5, List.of("billing")));
        String key = "devcycle:agent:by-id:py-2";
        int calls = 0;
        for (String foreign : List.of("{\"agent_id\": \"py-2\"}",
                "{\"agent_id\": \"py-2\", \"display_name\": \"Ann\", \"max_load\": \"5\", \"capabilities\": []}",
                "{\"agent_id\": \"py-2\", \"display_name\": \"Ann\", \"max_load\": 5, \"capabilities\": [1]}",
                "{\"load_info\": {\"agent_id\": \"py-2\"}, \"last_check\": 1.5}", "\"py-2\"", "NaN")) {
            try (Jedis jedis = redis.jedis()) {
                jedis.set(key, foreign);
            }

            assertEquals(new Agents.Agent("py-2", "Ann", 5, List.of("billing")), agents.agent("py-2"), foreign);

            assertEquals(++calls, agents.calls("agent"), "a miss, loaded: " + foreign);
            assertTrue(raw(key).contains("\"display_name\":\"Ann\""), "replaced by the load: " + raw(key));
        }
    }

    @Test
    void pythonNonFiniteNumbersAreReadWhereTheTypeHoldsThem() {
        try (Jedis jedis = redis.jedis()) {
            jedis.set("devcycle:agent:capabilities:py-3", "{\"score\": NaN, \"limits\": [Infinity, -Infinity]}");
            jedis.set("devcycle:agent:load:py-3", "NaN");
        }

        Map<String, Object> map = agents.capabilityMap("py-3");
        assertTrue(Double.isNaN((Double) map.get("score")), map.toString());
        assertEquals(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), map.get("limits"));
        assertEquals(0, agents.calls("capabilityMap"), "a hit");

        assertNull(agents.loadOf("py-3"));
        assertEquals(1, agents.calls("loadOf"), "an Integer holds no NaN: a miss, loaded");
    }

    @Test
    void invalidateRemovesTheEntryAfterTheMethodReturns() {
        agents.isAgentAvailable("a-2");
        assertEquals("false", raw("devcycle:agent:availability:a-2"));

        agents.setAvailable("a-2", true);

        assertNull(raw("devcycle:agent:availability:a-2"));
        assertTrue(agents.isAgentAvailable("a-2"));
        assertEquals(2, agents.calls("isAgentAvailable"));
    }

    @Test
    void recordResultIsJsonInSnakeCaseAndReadBack() {
        agents.store(new Agents.Agent("a-3", "Ann", 5, List.of("billing")));

        Agents.Agent first = agents.agent("a-3");
        Agents.Agent second = agents.agent("a-3");

        assertEquals(first, second);
        assertEquals(1, agents.calls("agent"));
        String stored = raw("devcycle:agent:by-id:a-3");
        assertTrue(stored.contains("\"display_name\":\"Ann\"") && stored.contains("\"max_load\":5"), stored);
    }

    @Test
    void genericListAndMapResultsRoundTrip() {
        agents.store(new Agents.Agent("b", "B", 1, List.of()));
        agents.store(new Agents.Agent("a", "A", 1, List.of()));

        assertEquals(List.of("a", "b"), agents.allIds());
        assertEquals(List.of("a", "b"), agents.allIds());
        assertEquals(1, agents.calls("allIds"));
        assertEquals("[\"a\",\"b\"]", raw("devcycle:agent:all:\\default"), "no parameters: the default key");

        Map<String, Object> first = agents.capabilityMap("x");
        Map<String, Object> second = agents.capabilityMap("x");
        assertEquals(1, agents.calls("capabilityMap"));
        assertEquals(List.of("billing", "sales"), second.get("skills"));
        assertEquals("x", second.get("agent_id"));
        assertEquals(first.keySet(), second.keySet());
    }

    @Test
    void stringResultIsStoredRaw() {
        assertEquals("ABC", agents.nameOf("abc"));
        assertEquals("ABC", agents.nameOf("abc"));
        assertEquals(1, agents.calls("nameOf"));
        assertEquals("ABC", raw("devcycle:agent:name:abc"));
    }

    @Test
    void nullIsNotCachedWithoutNegativeCaching() {
        assertNull(agents.loadOf("a"));
        assertNull(agents.loadOf("a"));
        assertEquals(2, agents.calls("loadOf"));
        assertNull(raw("devcycle:agent:load:a"));
    }

    @Test
    void emptyOptionalIsCachedNegativelyWithItsOwnTtl() {
        assertEquals(Optional.empty(), agents.find("ghost"));
        assertEquals(Optional.empty(), agents.find("ghost"));

        assertEquals(1, agents.calls("find"), "negative entry must answer the second lookup");
        assertEquals("null", raw("devcycle:agent:find:ghost"));
        long ttl = pttl("devcycle:agent:find:ghost");
        assertTrue(ttl > 0 && ttl <= 2_000, "negative TTL is 2s, was " + ttl);
    }

    @Test
    void presentOptionalIsCachedAsItsValue() {
        Agents.Agent agent = new Agents.Agent("a-4", "Dee", 2, List.of("sales"));
        agents.store(agent);

        assertEquals(Optional.of(agent), agents.find("a-4"));
        assertEquals(Optional.of(agent), agents.find("a-4"));
        assertEquals(1, agents.calls("find"));
        assertTrue(raw("devcycle:agent:find:a-4").startsWith("{"));
    }

    @Test
    void putAlwaysCallsAndStores() {
        Agents.Agent v1 = new Agents.Agent("a-5", "One", 1, List.of());
        Agents.Agent v2 = new Agents.Agent("a-5", "Two", 1, List.of());

        agents.save("a-5", v1);
        assertEquals(v1, agents.agent("a-5"));
        assertEquals(0, agents.calls("agent"), "the put stored it, so the read is a hit");

        agents.save("a-5", v2);
        assertEquals(v2, agents.agent("a-5"));
        assertEquals(0, agents.calls("agent"));
        assertTrue(raw("devcycle:agent:by-id:a-5").contains("\"Two\""));
    }

    @Test
    void repeatedInvalidationsAndInvalidateAllOnOneMethod() {
        agents.store(new Agents.Agent("a-6", "Six", 1, List.of()));
        agents.store(new Agents.Agent("a-7", "Seven", 1, List.of()));
        agents.agent("a-6");
        agents.find("a-6");
        agents.agent("a-7");
        agents.allIds();
        assertTrue(raw("devcycle:agent:by-id:a-6") != null && raw("devcycle:agent:find:a-6") != null);

        agents.delete("a-6");

        assertNull(raw("devcycle:agent:by-id:a-6"));
        assertNull(raw("devcycle:agent:find:a-6"));
        assertNull(raw("devcycle:agent:all:\\default"));
        assertTrue(raw("devcycle:agent:by-id:a-7") != null, "other keys of the cache stay");
        assertEquals(List.of("a-7"), agents.allIds());
        assertEquals(2, agents.calls("allIds"));
    }

    @Test
    void exceptionsPropagateUnchangedAndAreNotCached() {
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class, () -> agents.failing("x"));
        assertEquals("unknown agent x", first.getMessage());
        assertThrows(IllegalArgumentException.class, () -> agents.failing("x"));
        assertEquals(2, agents.calls("failing"));
        assertNull(raw("devcycle:agent:failing:x"));
    }

    @Test
    void completionStageIsCachedWhenItCompletesNormally() throws Exception {
        List<String> first = agents.capabilitiesAsync("a-8").toCompletableFuture().get(5, TimeUnit.SECONDS);
        List<String> second = agents.capabilitiesAsync("a-8").toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertEquals(List.of("billing", "a-8"), first);
        assertEquals(first, second);
        assertEquals(1, agents.calls("capabilitiesAsync"));
        assertEquals("[\"billing\",\"a-8\"]", raw("devcycle:agent:async:a-8"));
    }

    @Test
    void failedCompletionStageIsNotCachedAndFailsWithTheOriginalException() {
        CompletableFuture<List<String>> failed = agents.capabilitiesAsync("bad-1").toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
        assertSame(IllegalStateException.class, e.getCause().getClass());
        assertEquals("no such agent bad-1", e.getCause().getMessage());

        assertThrows(ExecutionException.class,
                () -> agents.capabilitiesAsync("bad-1").toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(2, agents.calls("capabilitiesAsync"));
        assertNull(raw("devcycle:agent:async:bad-1"));
    }

    @Test
    void compositeKeysEscapeSeparatorsSoArgumentListsNeverCollide() {
        assertEquals("a:b|c", agents.composite("a:b", "c"));
        assertEquals("a|b:c", agents.composite("a", "b:c"));
        assertEquals("a\\|:c", agents.composite("a\\", ":c"));
        assertEquals("a|\\:c", agents.composite("a", "\\:c"));
        assertEquals(4, agents.calls("composite"), "four different argument lists, four loads");

        assertEquals("a:b|c", agents.composite("a:b", "c"));
        assertEquals("a|b:c", agents.composite("a", "b:c"));
        assertEquals(4, agents.calls("composite"));
        assertEquals("a:b|c", raw("devcycle:agent:composite:a\\:b:c"));
        assertEquals("a|b:c", raw("devcycle:agent:composite:a:b\\:c"));
    }

    @Test
    void onlyCacheKeyParametersMakeTheKey() {
        assertEquals("t7x", agents.keyed("t", "x", 7));
        assertEquals("t7x", agents.keyed("t", "y", 7), "the unmarked parameter is not part of the key");
        assertEquals(1, agents.calls("keyed"));
        assertEquals("t7x", raw("devcycle:agent:keyed:t:7"));
    }

    @Test
    void enumsUuidsRecordsBooleansAndDecimalsRenderReadably() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        agents.typed(Agents.Tier.GOLD, id, new Agents.Region("de", 3), true, new BigDecimal("1E+3"));
        agents.typed(Agents.Tier.GOLD, id, new Agents.Region("de", 3), true, new BigDecimal("1E+3"));
        assertEquals(1, agents.calls("typed"));
        assertEquals("t", raw("devcycle:agent:typed:GOLD:123e4567-e89b-12d3-a456-426614174000:de:3:true:1000"));

        agents.typed(Agents.Tier.GOLD, id, null, null, BigDecimal.ONE);
        assertEquals("t", raw("devcycle:agent:typed:GOLD:123e4567-e89b-12d3-a456-426614174000:\\N:\\N:1"));
    }

    @Test
    void namedCachesInvalidateUsesTheAnnotationKeyRendering() {
        agents.isAgentAvailable("a:9");
        agents.composite("p", "q");
        assertEquals("false", raw("devcycle:agent:availability:a\\:9"));

        caches.invalidate("agent:availability", "a:9");
        caches.invalidate("agent:composite", "p", "q");

        assertNull(raw("devcycle:agent:availability:a\\:9"));
        assertNull(raw("devcycle:agent:composite:p:q"));
        agents.isAgentAvailable("a:9");
        assertEquals(2, agents.calls("isAgentAvailable"));
    }

    @Test
    void namedCachesInvalidateAllClearsOnlyThatCache() {
        for (int i = 0; i < 30; i++) {
            agents.isAgentAvailable("n-" + i);
        }
        agents.nameOf("keep");

        long deleted = caches.invalidateAll("agent:availability");

        assertTrue(deleted >= 30, "30 values (plus metadata) removed, was " + deleted);
        assertNull(raw("devcycle:agent:availability:n-0"));
        assertEquals("KEEP", raw("devcycle:agent:name:keep"));
        assertTrue(caches.names().containsAll(List.of("agent:availability", "agent:name", "agent:by-id")));
    }

    @Test
    void statisticsCountLoadsAndLoadTime() {
        agents.delay(30);
        agents.nameOf("slow");
        agents.nameOf("slow");
        DeclarativeCacheStatistics stats = caches.statistics("agent:name").orElseThrow();
        assertTrue(stats.loads() >= 1);
        assertTrue(stats.loadTimeMaxMillis() >= 29, "max load time " + stats.loadTimeMaxMillis());
        assertTrue(stats.loadTimeTotalMillis() >= stats.loadTimeMaxMillis());
        assertEquals("agent:name", stats.name());
        assertEquals(0, stats.errors());
        assertEquals(DeclarativeCacheStatistics.NearCacheState.OFF, stats.nearCacheState());
        assertFalse(caches.statistics("no-such-cache").isPresent());
    }
}
