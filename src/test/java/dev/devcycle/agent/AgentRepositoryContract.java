package dev.devcycle.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.devcycle.agent.model.Agent;
import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.agent.model.AgentType;
import dev.devcycle.testsupport.TestDatabase;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/**
 * The repository on a real database: mapping round trips, the capability query, and that {@link DatabaseQueryCounter}
 * counts exactly the SELECT statements that reach the database. Subclasses open {@link #db} in {@code @BeforeAll}.
 */
abstract class AgentRepositoryContract {

    /** One database per class (starting a persistence unit takes a second or more); emptied before each test. */
    static TestDatabase db;
    private DatabaseQueryCounter counter;

    @BeforeEach
    void setUp() {
        counter = new DatabaseQueryCounter();
        EntityManager em = db.emf().createEntityManager();
        try {
            em.getTransaction().begin();
            em.createNativeQuery("DELETE FROM agent_capabilities").executeUpdate();
            em.createNativeQuery("DELETE FROM agents").executeUpdate();
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }

    @AfterAll
    static void closeDatabase() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    @Test
    void roundTripsEveryField() {
        Instant heartbeat = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        inTransaction(repo -> {
            Agent agent = agent("dev-1", AgentStatus.ONLINE, List.of("python", "java", "sql"));
            agent.setDescription("writes code");
            agent.setVersion("1.2.3");
            agent.setConfiguration(Json.createObjectBuilder().add("max_concurrent_tasks", 3).add("model", "x").build());
            agent.setActive(true);
            agent.setCurrentTasks(2);
            agent.setLastHeartbeat(heartbeat);
            agent.setResponseTimeMs(12.5);
            repo.insert(agent);
        });

        Agent read = read(repo -> repo.find("dev-1")).orElseThrow();
        assertEquals(AgentType.DEVELOPER, read.getAgentType());
        assertEquals("writes code", read.getDescription());
        assertEquals("1.2.3", read.getVersion());
        assertEquals(List.of("python", "java", "sql"), read.getCapabilities(), "capabilities keep their order");
        assertEquals(3, read.maxConcurrentTasks());
        assertEquals("x", read.getConfiguration().getString("model"));
        assertEquals(AgentStatus.ONLINE, read.getStatus());
        assertEquals(2, read.getCurrentTasks());
        assertEquals(heartbeat, read.getLastHeartbeat());
        assertEquals(12.5, read.getResponseTimeMs());
        assertEquals(read.getUpdatedAt(), read.getCreatedAt(), "timestamps survive to the millisecond");
        assertTrue(read.isAvailable(), "online, active, 2 of 3 tasks: available");
    }

    @Test
    void findIsOneSelectAndCountedAsOne() {
        inTransaction(repo -> repo.insert(agent("a1", AgentStatus.ONLINE, List.of("x", "y"))));
        long selectsBefore = db.selects();
        long countedBefore = counter.queries();

        assertTrue(read(repo -> repo.find("a1")).isPresent());
        assertFalse(read(repo -> repo.find("missing")).isPresent());

        assertEquals(2, db.selects() - selectsBefore, "one SELECT per find, with the capabilities join-fetched");
        assertEquals(2, counter.queries() - countedBefore, "the counter counts what the database ran");
    }

    @Test
    void capabilityQueryFindsAgentsHavingItWithAllTheirCapabilities() {
        inTransaction(repo -> {
            repo.insert(agent("b", AgentStatus.ONLINE, List.of("python", "java")));
            repo.insert(agent("a", AgentStatus.OFFLINE, List.of("java")));
            repo.insert(agent("c", AgentStatus.ONLINE, List.of("go")));
        });
        long selectsBefore = db.selects();

        List<Agent> java = read(repo -> repo.findHavingCapability("java"));

        assertEquals(List.of("a", "b"), java.stream().map(Agent::getName).toList(), "by name, available or not");
        assertEquals(List.of("python", "java"), java.get(1).getCapabilities(), "all capabilities, not just the match");
        assertEquals(1, db.selects() - selectsBefore);
        assertEquals(List.of(), read(repo -> repo.findHavingCapability("rust")));
        assertEquals(List.of("a", "b", "c"), read(AgentRepository::findAll).stream().map(Agent::getName).toList());
    }

    @Test
    void findForUpdateCountsItsTwoSelects() {
        inTransaction(repo -> repo.insert(agent("u", AgentStatus.ONLINE, List.of("x"))));
        long selectsBefore = db.selects();
        long countedBefore = counter.queries();

        inTransaction(repo -> assertEquals(List.of("x"), repo.findForUpdate("u").orElseThrow().getCapabilities()));

        assertEquals(db.selects() - selectsBefore, counter.queries() - countedBefore, "counted = executed");
    }

    @Test
    void updatesReplaceCapabilitiesAndDeleteRemovesThem() {
        inTransaction(repo -> repo.insert(agent("w", AgentStatus.ONLINE, List.of("a", "b"))));
        inTransaction(repo -> {
            Agent agent = repo.findForUpdate("w").orElseThrow();
            agent.setCapabilities(List.of("c", "a"));
            agent.setStatus(AgentStatus.MAINTENANCE);
            repo.flush();
        });
        Agent updated = read(repo -> repo.find("w")).orElseThrow();
        assertEquals(List.of("c", "a"), updated.getCapabilities());
        assertEquals(AgentStatus.MAINTENANCE, updated.getStatus());
        assertFalse(updated.isAvailable(), "maintenance is never available");
        assertEquals(List.of(), read(repo -> repo.findHavingCapability("b")));

        inTransaction(repo -> repo.delete(repo.findForUpdate("w").orElseThrow()));
        assertTrue(read(repo -> repo.find("w")).isEmpty());
        assertEquals(List.of(), read(repo -> repo.findHavingCapability("c")), "capability rows go with the agent");
        assertEquals(0L, read(AgentRepository::count));
    }

    @Test
    void duplicateNameFailsAtInsert() {
        inTransaction(repo -> repo.insert(agent("dup", AgentStatus.ONLINE, List.of())));
        EntityManager em = db.emf().createEntityManager();
        try {
            em.getTransaction().begin();
            AgentRepository repo = new AgentRepository(em, counter);
            assertThrows(PersistenceException.class, () -> repo.insert(agent("dup", AgentStatus.ONLINE, List.of())));
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
        assertEquals(1L, read(AgentRepository::count));
    }

    @Test
    void availabilityRule() {
        Agent agent = agent("r", AgentStatus.ONLINE, List.of());
        assertTrue(agent.isAvailable());
        agent.setCurrentTasks(1);
        assertFalse(agent.isAvailable(), "max_concurrent_tasks defaults to 1");
        agent.setConfiguration(Json.createObjectBuilder().add("max_concurrent_tasks", 2).build());
        assertTrue(agent.isAvailable());
        agent.setActive(false);
        assertFalse(agent.isAvailable(), "inactive");
        agent.setActive(true);
        for (AgentStatus status : AgentStatus.values()) {
            agent.setStatus(status);
            assertEquals(status == AgentStatus.ONLINE, agent.isAvailable(), status.value());
        }
    }

    static Agent agent(String name, AgentStatus status, List<String> capabilities) {
        Agent agent = new Agent(name, AgentType.DEVELOPER);
        agent.setStatus(status);
        agent.setCapabilities(capabilities);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        agent.setCreatedAt(now);
        agent.setUpdatedAt(now);
        agent.setLastHeartbeat(now);
        return agent;
    }

    private void inTransaction(Consumer<AgentRepository> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(new AgentRepository(em, counter));
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private <T> T read(Function<AgentRepository, T> query) {
        EntityManager em = db.emf().createEntityManager();
        try {
            return query.apply(new AgentRepository(em, counter));
        } finally {
            em.close();
        }
    }
}
