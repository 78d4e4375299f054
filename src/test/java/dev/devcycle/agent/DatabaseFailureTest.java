package dev.devcycle.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.agent.model.AgentType;
import dev.devcycle.agent.rest.AgentExceptionMappers;
import dev.devcycle.testsupport.RedisServerExtension;
import dev.devcycle.testsupport.ReliabilityFigures;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import redis.clients.jedis.Jedis;

/**
 * The database fails while Redis is up: cached answers keep coming from Redis within their TTL (no query even
 * attempted), a miss fails with the exception the REST layer maps to 503 with a clear error (never 500), nothing is
 * cached from the failure, and once the database is back, misses load again.
 *
 * <p>The failure is made by renaming the {@code agents} table away in the test's own H2 database, so every statement
 * is refused as a real outage would refuse it; the Liberty ITs' database cannot be broken from outside without a test
 * hook in production code, which this suite avoids.
 */
class DatabaseFailureTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    private static AgentServiceContainer agents;

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

    @Test
    void cachedAnswersSurviveADatabaseOutageAndMissesBecome503() {
        AgentReads reads = agents.bean(AgentReads.class);
        AgentWrites writes = agents.bean(AgentWrites.class);
        DatabaseQueryCounter counter = agents.bean(DatabaseQueryCounter.class);
        writes.register("db-a1", new AgentRegistration(AgentType.DEVELOPER, null, "1.0", List.of("java", "go"),
                Json.createObjectBuilder().add("max_concurrent_tasks", 2).build(), AgentStatus.ONLINE, true));
        assertTrue(reads.isAgentAvailable("db-a1"));
        assertEquals(List.of("java", "go"), reads.getAgentCapabilities("db-a1"));
        assertEquals(2, reads.getAgentLoad("db-a1").orElseThrow().availableSlots());
        assertEquals(List.of("db-a1"), reads.getAvailableAgentsByCapability("go"));

        breakDatabase();
        try {
            long queriesBefore = counter.queries();
            for (int i = 0; i < 100; i++) {
                assertTrue(reads.isAgentAvailable("db-a1"));
                assertEquals(List.of("java", "go"), reads.getAgentCapabilities("db-a1"));
                assertEquals(2, reads.getAgentLoad("db-a1").orElseThrow().availableSlots());
                assertEquals(List.of("db-a1"), reads.getAvailableAgentsByCapability("go"));
            }
            assertEquals(queriesBefore, counter.queries(), "400 cached answers, no query attempted");

            RuntimeException miss = assertThrows(RuntimeException.class, () -> reads.isAgentAvailable("db-a2"));
            Response response = restAnswer(miss);
            String body = String.valueOf(response.getEntity());
            ReliabilityFigures.record("database failing, Redis up", "cache miss answer",
                    response.getStatus() + " " + body + " (from " + miss.getClass().getSimpleName() + ")");
            assertEquals(503, response.getStatus(), "a miss is 503, never 500");
            assertTrue(body.contains("database"), body);
            assertThrows(RuntimeException.class, () -> reads.getAgentCapabilities("db-a2"));
            try (Jedis raw = redis.jedis()) {
                assertFalse(raw.exists("devcycle:agent:availability:db-a2"), "a failure is never cached as 'none'");
                assertFalse(raw.exists("devcycle:agent:capabilities:db-a2"));
            }
        } finally {
            repairDatabase();
        }
        assertFalse(reads.isAgentAvailable("db-a2"), "the database answers misses again: no such agent");
    }

    /** What the application's exception mappers answer for an exception (unmapped would be a 500). */
    private static Response restAnswer(RuntimeException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof PersistenceException p) {
                return new AgentExceptionMappers.Persistence().toResponse(p);
            }
            if (t instanceof jakarta.transaction.TransactionalException x) {
                return new AgentExceptionMappers.Transaction().toResponse(x);
            }
            if (t == e && !(t instanceof PersistenceException)) {
                // Only the thrown exception itself reaches a mapper; a wrapped cause would not.
                break;
            }
            t = t.getCause();
        }
        return Response.serverError().entity("unmapped " + e).build();
    }

    private static void breakDatabase() {
        nativeUpdate("ALTER TABLE agents RENAME TO agents_unreachable");
    }

    private static void repairDatabase() {
        nativeUpdate("ALTER TABLE agents_unreachable RENAME TO agents");
    }

    private static void nativeUpdate(String sql) {
        EntityManager em = agents.database().emf().createEntityManager();
        try {
            em.getTransaction().begin();
            em.createNativeQuery(sql).executeUpdate();
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }
}
