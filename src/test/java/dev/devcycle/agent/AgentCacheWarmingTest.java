package dev.devcycle.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.agent.model.AgentType;
import dev.devcycle.cache.DeclarativeCache;
import dev.devcycle.cache.DeclarativeCaches;
import dev.devcycle.testsupport.RedisServerExtension;
import jakarta.json.Json;
import redis.clients.jedis.Jedis;

/** Start-up warming of the agent caches and the batched (MGET) reads of the least-busy lookup. */
class AgentCacheWarmingTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    private static AgentServiceContainer agents;

    private AgentReads reads;
    private LeastBusyRanking ranking;
    private AgentWrites writes;
    private AgentCacheWarmer warmer;
    private DatabaseQueryCounter counter;

    @BeforeAll
    static void start() {
        agents = AgentServiceContainer.start(redis, AgentCacheWarmer.class);
    }

    @AfterAll
    static void stop() {
        if (agents != null) {
            agents.close();
        }
    }

    @BeforeEach
    void setUp() {
        reads = agents.bean(AgentReads.class);
        ranking = agents.bean(LeastBusyRanking.class);
        writes = agents.bean(AgentWrites.class);
        warmer = agents.bean(AgentCacheWarmer.class);
        counter = agents.bean(DatabaseQueryCounter.class);
        agents.deleteAllAgents();
    }

    @Test
    void warmingFillsEveryConfiguredCacheSoTheFirstLookupsCostNoQuery() {
        register("w1", AgentStatus.ONLINE, 2, "python", "java");
        register("w2", AgentStatus.ONLINE, 1, "java");
        register("w3", AgentStatus.OFFLINE, 1, "python");
        try (Jedis jedis = redis.jedis()) {
            jedis.flushAll();
        }

        Map<String, Integer> stored = warmer.warm(AgentCaches.ALL);

        assertEquals(Map.of(AgentCaches.AVAILABILITY, 3, AgentCaches.CAPABILITIES, 3, AgentCaches.LOAD, 3,
                AgentCaches.AGENTS_BY_CAPABILITY, 2), stored);
        try (Jedis jedis = redis.jedis()) {
            assertTrue(RawEntries.available(jedis.get("devcycle:agent:availability:w1")));
            assertFalse(RawEntries.available(jedis.get("devcycle:agent:availability:w3")));
            assertEquals(List.of("python", "java"),
                    RawEntries.capabilities(jedis.get("devcycle:agent:capabilities:w1")));
            assertEquals(List.of("w1", "w2"),
                    RawEntries.agentIds(jedis.get("devcycle:agent:agents_by_capability:java")));
            long ttl = jedis.pttl("devcycle:agent:load:w2");
            assertTrue(ttl > 25_000 && ttl <= 30_000, "the cache's TTL: " + ttl);
        }
        assertQueries(0, () -> reads.isAgentAvailable("w1"), true);
        assertQueries(0, () -> reads.isAgentAvailable("w3"), false);
        assertQueries(0, () -> reads.getAgentCapabilities("w1"), List.of("python", "java"));
        assertQueries(0, () -> reads.getAvailableAgentsByCapability("python"), List.of("w1"));
        assertQueries(0, () -> reads.getAgentLoad("w2").map(l -> l.maxConcurrentTasks()), Optional.of(1));
    }

    @Test
    void warmingIsSkippedWhenRedisIsDown() {
        register("d1", AgentStatus.ONLINE, 1, "python");
        redis.server().kill();
        long before = counter.queries();
        assertEquals(Map.of(), warmer.warm(AgentCaches.ALL));
        assertEquals(before, counter.queries(), "no database work for a dead Redis");
    }

    @Test
    void aBulkLoadNeverStoresAnEntryInvalidatedDuringIt() {
        DeclarativeCache<String> cache = agents.bean(DeclarativeCaches.class).cache("bulk:test", String.class);
        int stored = cache.loadAll(List.of("x", "y"), keys -> {
            cache.invalidate("x");     // a writer commits while the bulk query runs
            return Map.of("x", "old", "y", "fresh");
        });
        assertEquals(1, stored);
        try (Jedis jedis = redis.jedis()) {
            assertNull(jedis.get("devcycle:bulk:test:x"), "the invalidated key stays empty");
            assertEquals("fresh", jedis.get("devcycle:bulk:test:y"));
        }
    }

    @Test
    void leastBusyReadsAvailabilityAndLoadOfAllCandidatesWithOneMgetEach() {
        for (int i = 1; i <= 5; i++) {
            register("b" + i, AgentStatus.ONLINE, i, "python");
        }
        warmer.warm(AgentCaches.ALL);
        try (Jedis jedis = redis.jedis()) {
            jedis.configResetStat();
            assertQueries(0, () -> ranking.getLeastBusyAgent(List.of("python")), Optional.of("b5"));
            String stats = jedis.info("commandstats");
            assertEquals(2, calls(stats, "mget"), stats);
            assertEquals(1, calls(stats, "get"), "only the capability list is a single GET: " + stats);
        }
    }

    private static long calls(String commandStats, String command) {
        return commandStats.lines().filter(l -> l.startsWith("cmdstat_" + command + ":"))
                .map(l -> l.substring(l.indexOf("calls=") + 6, l.indexOf(',')))
                .mapToLong(Long::parseLong).sum();
    }

    private void register(String name, AgentStatus status, int maxTasks, String... capabilities) {
        writes.register(name, new AgentRegistration(AgentType.DEVELOPER, null, "1.0", List.of(capabilities),
                Json.createObjectBuilder().add("max_concurrent_tasks", maxTasks).build(), status, true));
    }

    private <T> void assertQueries(long expected, Supplier<T> lookup, T expectedValue) {
        long before = counter.queries();
        assertEquals(expectedValue, lookup.get());
        assertEquals(expected, counter.queries() - before, "database queries of this lookup");
    }
}
