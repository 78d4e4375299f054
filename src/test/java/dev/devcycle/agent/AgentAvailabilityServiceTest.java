package dev.devcycle.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.agent.model.AgentType;
import dev.devcycle.testsupport.RedisServerExtension;
import jakarta.json.Json;
import redis.clients.jedis.Jedis;

/**
 * The service as deployed: the cache interceptors, a real Redis and a real (H2) database, with transactions that
 * complete their synchronizations after the database commit as JTA does. Hits and misses are proven by the database
 * query counter and by reading the raw Redis keys.
 */
class AgentAvailabilityServiceTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    private static AgentServiceContainer agents;

    private AgentReads reads;
    private LeastBusyRanking ranking;
    private AgentWrites writes;
    private AgentCacheAdministration cacheAdministration;
    private DatabaseQueryCounter counter;

    @BeforeAll
    static void start() {
        agents = AgentServiceContainer.start(redis, PausingAgentRepository.class, RollingBackCaller.class);
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
        cacheAdministration = agents.bean(AgentCacheAdministration.class);
        counter = agents.bean(DatabaseQueryCounter.class);
        agents.deleteAllAgents();
    }

    @Test
    void firstLookupIsOneQueryRepeatsAreNone() {
        register("a1", AgentStatus.ONLINE, 2, "python", "java");

        assertQueries(1, () -> reads.isAgentAvailable("a1"), true);
        assertQueries(0, () -> reads.isAgentAvailable("a1"), true);
        assertQueries(0, () -> reads.isAgentAvailable("a1"), true);
        assertQueries(1, () -> reads.getAgentCapabilities("a1"), List.of("python", "java"));
        assertQueries(0, () -> reads.getAgentCapabilities("a1"), List.of("python", "java"));
        assertQueries(0, () -> reads.validateAgentCapability("a1", "java"), true);
        assertQueries(1, () -> reads.getAgentLoad("a1").orElseThrow().availableSlots(), 2);
        assertQueries(0, () -> reads.getAgentLoad("a1").orElseThrow().availableSlots(), 2);
        assertQueries(1, () -> reads.getAvailableAgentsByCapability("java"), List.of("a1"));
        assertQueries(0, () -> reads.getAvailableAgentsByCapability("java"), List.of("a1"));
        assertQueries(1, () -> ranking.getLeastBusyAgent(List.of("java", "python")), Optional.of("a1"));
        assertQueries(0, () -> ranking.getLeastBusyAgent(List.of("java", "python")), Optional.of("a1"));

        try (Jedis jedis = redis.jedis()) {
            assertTrue(RawEntries.available(jedis.get("devcycle:agent:availability:a1")));
            assertEquals(List.of("python", "java"),
                    RawEntries.capabilities(jedis.get("devcycle:agent:capabilities:a1")));
            assertEquals(List.of("a1"), RawEntries.agentIds(jedis.get("devcycle:agent:agents_by_capability:java")));
            assertEquals(2, RawEntries.loadInfo(jedis.get("devcycle:agent:load:a1")).getInt("available_slots"));
            long ttl = jedis.pttl("devcycle:agent:availability:a1");
            assertTrue(ttl > 25_000 && ttl <= 30_000, "30 s TTL, got " + ttl + " ms");
        }
    }

    @Test
    void unknownIdsAreCachedBrieflyAsNone() {
        assertQueries(1, () -> reads.isAgentAvailable("ghost"), false);
        for (int i = 0; i < 5; i++) {
            assertQueries(0, () -> reads.isAgentAvailable("ghost"), false);
        }
        assertQueries(1, () -> reads.getAgentCapabilities("ghost"), List.of());
        assertQueries(0, () -> reads.getAgentCapabilities("ghost"), List.of());
        assertQueries(1, () -> reads.getAgentLoad("ghost"), Optional.empty());
        assertQueries(0, () -> reads.getAgentLoad("ghost"), Optional.empty());
        try (Jedis jedis = redis.jedis()) {
            assertEquals("null", jedis.get("devcycle:agent:availability:ghost"));
            long ttl = jedis.pttl("devcycle:agent:availability:ghost");
            assertTrue(ttl > 0 && ttl <= 5_000, "5 s negative TTL, got " + ttl + " ms");
        }

        register("ghost", AgentStatus.ONLINE, 1, "go");

        assertTrue(reads.isAgentAvailable("ghost"), "registration invalidates the cached 'no such agent'");
        assertEquals(List.of("go"), reads.getAgentCapabilities("ghost"));
        assertTrue(reads.getAgentLoad("ghost").isPresent());
    }

    @Test
    void everyWriteIsSeenByTheNextRead() {
        register("w1", AgentStatus.ONLINE, 2, "python");
        warm("w1", "python", "go");

        writes.setStatus("w1", AgentStatus.MAINTENANCE);
        assertFalse(reads.isAgentAvailable("w1"), "status change");
        assertEquals(List.of(), reads.getAvailableAgentsByCapability("python"));
        assertEquals("maintenance", reads.getAgentLoad("w1").orElseThrow().status());

        writes.setStatus("w1", AgentStatus.ONLINE);
        assertTrue(reads.isAgentAvailable("w1"));
        assertEquals(List.of("w1"), reads.getAvailableAgentsByCapability("python"));

        writes.update("w1", new AgentChanges(null, null, null, List.of("go"), null, null, null, null, null));
        assertEquals(List.of("go"), reads.getAgentCapabilities("w1"), "capability change");
        assertEquals(List.of(), reads.getAvailableAgentsByCapability("python"), "left the old capability's list");
        assertEquals(List.of("w1"), reads.getAvailableAgentsByCapability("go"), "joined the new one's");

        writes.changeTaskCount("w1", 2);
        assertFalse(reads.isAgentAvailable("w1"), "task count change: 2 of 2");
        assertEquals(0, reads.getAgentLoad("w1").orElseThrow().availableSlots());
        assertEquals(List.of(), reads.getAvailableAgentsByCapability("go"));
        assertThrows(TaskCountConflictException.class, () -> writes.changeTaskCount("w1", -3));

        writes.heartbeat("w1", new Heartbeat(null, 1, 42.0));
        assertTrue(reads.isAgentAvailable("w1"), "heartbeat with a task count");
        assertEquals(42L, reads.getAgentLoad("w1").orElseThrow().responseTimeMs());
        assertNotNull(reads.getAgentLoad("w1").orElseThrow().lastHeartbeat());

        writes.deactivate("w1");
        assertFalse(reads.isAgentAvailable("w1"), "deactivation");
        assertEquals(List.of(), reads.getAvailableAgentsByCapability("go"));

        writes.update("w1", new AgentChanges(null, null, null, null, null, null, true, null, null));
        assertEquals(List.of("w1"), reads.getAvailableAgentsByCapability("go"));

        writes.delete("w1");
        assertFalse(reads.isAgentAvailable("w1"), "deletion");
        assertEquals(List.of(), reads.getAgentCapabilities("w1"));
        assertTrue(reads.getAgentLoad("w1").isEmpty());
        assertEquals(List.of(), reads.getAvailableAgentsByCapability("go"));
    }

    @Test
    void aWriteInvalidatesOnlyWhatItChanged() {
        register("e1", AgentStatus.ONLINE, 3, "python");
        register("e2", AgentStatus.ONLINE, 3, "rust");
        warm("e1", "python");
        warm("e2", "rust");

        writes.heartbeat("e1", new Heartbeat(null, null, 5.0));

        try (Jedis jedis = redis.jedis()) {
            assertNull(jedis.get("devcycle:agent:load:e1"), "the load changed");
            assertTrue(RawEntries.available(jedis.get("devcycle:agent:availability:e1")), "availability did not");
            assertNotNull(jedis.get("devcycle:agent:capabilities:e1"), "capabilities did not");
            assertNotNull(jedis.get("devcycle:agent:agents_by_capability:python"), "membership did not");
            assertNotNull(jedis.get("devcycle:agent:load:e2"), "another agent's entries stay");
        }
    }

    /**
     * A load that read the row before a write and stores after the write's invalidation must not store: the next
     * reader would get the old value until the TTL.
     */
    @Test
    void aLoadThatReadTheOldRowCannotStoreItAfterTheWrite() throws Exception {
        register("r1", AgentStatus.ONLINE, 1, "python");
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        agents.bean(PausingAgentRepository.class).pauseNextFind("r1", read, release);

        CompletableFuture<Boolean> staleLoad = CompletableFuture.supplyAsync(() -> reads.isAgentAvailable("r1"));
        assertTrue(read.await(10, TimeUnit.SECONDS), "the load read the row");
        writes.setStatus("r1", AgentStatus.OFFLINE);
        release.countDown();

        assertTrue(staleLoad.get(10, TimeUnit.SECONDS), "the racing caller gets what it read");
        try (Jedis jedis = redis.jedis()) {
            assertNull(jedis.get("devcycle:agent:availability:r1"), "but its stale value was not stored");
        }
        assertFalse(reads.isAgentAvailable("r1"), "the next reader sees the write");
    }

    @Test
    void aRolledBackWriteInvalidatesNothingAndChangesNothing() {
        register("t1", AgentStatus.ONLINE, 1, "python");
        warm("t1", "python");

        assertThrows(IllegalStateException.class, () -> agents.bean(RollingBackCaller.class)
                .writeThenFail(s -> s.setStatus("t1", AgentStatus.OFFLINE)));

        try (Jedis jedis = redis.jedis()) {
            assertTrue(RawEntries.available(jedis.get("devcycle:agent:availability:t1")),
                    "no invalidation after a rollback");
            assertEquals(List.of("t1"),
                    RawEntries.agentIds(jedis.get("devcycle:agent:agents_by_capability:python")));
        }
        assertEquals(AgentStatus.ONLINE, reads.getAgent("t1").orElseThrow().getStatus(), "and no change");
    }

    @Test
    void aPreviewRollsBackItsUpdateAndItsInvalidations() {
        register("p1", AgentStatus.ONLINE, 1, "python");
        warm("p1", "python");

        AgentChanges changes = new AgentChanges(null, null, null, List.of("go"), null, AgentStatus.OFFLINE, null, null,
                null);
        assertEquals(AgentStatus.OFFLINE, writes.previewUpdate("p1", changes).getStatus());

        try (Jedis jedis = redis.jedis()) {
            assertTrue(RawEntries.available(jedis.get("devcycle:agent:availability:p1")));
            assertEquals(List.of("python"), RawEntries.capabilities(jedis.get("devcycle:agent:capabilities:p1")));
        }
        assertEquals(AgentStatus.ONLINE, reads.getAgent("p1").orElseThrow().getStatus());
        assertEquals(List.of("python"), reads.getAgent("p1").orElseThrow().getCapabilities());
    }

    @Test
    void invalidationWaitsForTheCommit() {
        register("c1", AgentStatus.ONLINE, 1, "python");
        warm("c1", "python");
        String[] duringTransaction = new String[1];

        assertThrows(IllegalStateException.class, () -> agents.bean(RollingBackCaller.class).writeThenFail(s -> {
            s.setStatus("c1", AgentStatus.OFFLINE);
            try (Jedis jedis = redis.jedis()) {
                duringTransaction[0] = jedis.get("devcycle:agent:availability:c1");
            }
        }));

        assertTrue(RawEntries.available(duringTransaction[0]),
                "the write returned inside the transaction; nothing removed yet");
    }

    @Test
    void clearCacheRemovesTheAgentsEntries() {
        register("k1", AgentStatus.ONLINE, 1, "python");
        warm("k1", "python");

        assertEquals(3, cacheAdministration.clearCache("k1"));
        assertEquals(0, cacheAdministration.clearCache("k1"));
        try (Jedis jedis = redis.jedis()) {
            assertNull(jedis.get("devcycle:agent:availability:k1"));
            assertNotNull(jedis.get("devcycle:agent:agents_by_capability:python"));
        }
        assertTrue(cacheAdministration.clearCache() >= 1);
        try (Jedis jedis = redis.jedis()) {
            assertNull(jedis.get("devcycle:agent:agents_by_capability:python"));
        }
        long queries = counter.queries();
        assertTrue(reads.isAgentAvailable("k1"));
        assertEquals(queries + 1, counter.queries(), "a cleared entry is a miss");
    }

    @Test
    void leastBusyNeedsAllCapabilitiesAndPrefersFreeSlotsThenSpeed() {
        register("l1", AgentStatus.ONLINE, 2, "python", "java");
        register("l2", AgentStatus.ONLINE, 4, "python", "java");
        register("l3", AgentStatus.ONLINE, 9, "python");
        register("l4", AgentStatus.ONLINE, 4, "python", "java");
        writes.heartbeat("l2", new Heartbeat(null, null, 80.0));
        writes.heartbeat("l4", new Heartbeat(null, null, 20.0));

        assertEquals(Optional.of("l4"), ranking.getLeastBusyAgent(List.of("python", "java")),
                "l2 and l4 have 4 free slots, l4 answers faster; l3 lacks java");
        assertEquals(Optional.of("l3"), ranking.getLeastBusyAgent(List.of("python")));
        assertEquals(Optional.empty(), ranking.getLeastBusyAgent(List.of("python", "cobol")));
        assertThrows(InvalidAgentDataException.class, () -> ranking.getLeastBusyAgent(List.of()));
    }

    @Test
    void rejectsMalformedIdsAndDuplicates() {
        register("d1", AgentStatus.ONLINE, 1);
        assertThrows(AgentAlreadyExistsException.class, () -> register("d1", AgentStatus.ONLINE, 1));
        assertThrows(InvalidAgentDataException.class, () -> reads.isAgentAvailable("bad id"));
        assertThrows(InvalidAgentDataException.class, () -> reads.isAgentAvailable("x".repeat(101)));
        assertThrows(InvalidAgentDataException.class, () -> reads.getAvailableAgentsByCapability("a:b"));
        assertThrows(InvalidAgentDataException.class, () -> register("cache", AgentStatus.ONLINE, 1));
        assertThrows(AgentNotFoundException.class, () -> writes.setStatus("nobody", AgentStatus.ONLINE));
    }

    private void register(String name, AgentStatus status, int maxTasks, String... capabilities) {
        writes.register(name, new AgentRegistration(AgentType.DEVELOPER, null, "1.0", List.of(capabilities),
                Json.createObjectBuilder().add("max_concurrent_tasks", maxTasks).build(), status, true));
    }

    /** Caches every entry about the agent and the capability lists. */
    private void warm(String agentId, String... capabilities) {
        reads.isAgentAvailable(agentId);
        reads.getAgentCapabilities(agentId);
        reads.getAgentLoad(agentId);
        for (String capability : capabilities) {
            reads.getAvailableAgentsByCapability(capability);
        }
    }

    private <T> void assertQueries(long expected, Supplier<T> lookup, T expectedValue) {
        long before = counter.queries();
        assertEquals(expectedValue, lookup.get());
        assertEquals(expected, counter.queries() - before, "database queries of this lookup");
    }
}
