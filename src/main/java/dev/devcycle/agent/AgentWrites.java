package dev.devcycle.agent;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.devcycle.agent.model.Agent;
import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.cache.CacheInvalidate;
import dev.devcycle.cache.CacheKey;
import dev.devcycle.cache.DeclarativeCaches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * The agent availability service's writes. Each runs in a JTA transaction that locks the agent's row, compares the
 * agent's cached state before and after ({@link StaleEntries}) and invalidates exactly the entries that changed,
 * {@code agents_by_capability} included. Invalidations run after the commit and not at all after a rollback, and a
 * load that read the old row cannot store it afterwards, so once a write has returned no reader gets an older value
 * (docs/agents.md, "Invalidation rules").
 */
@ApplicationScoped
public class AgentWrites {

    private static final Logger LOG = Logger.getLogger(AgentWrites.class.getName());
    private static final String MSG_INVALIDATING = "Agent {0} changed: invalidating {1}";
    /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    AgentRepository repository;

    @Inject
    DeclarativeCaches caches;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * Registers an agent. The per-agent entries are invalidated unconditionally (they may hold a cached "no such
     * agent"); the capability lists it joins, by {@link StaleEntries}.
     *
     * @throws AgentAlreadyExistsException when the name is taken
     * @throws InvalidAgentDataException   for a malformed or reserved name
     */
    @Transactional
    @CacheInvalidate(cacheName = AgentCaches.AVAILABILITY)
    @CacheInvalidate(cacheName = AgentCaches.CAPABILITIES)
    @CacheInvalidate(cacheName = AgentCaches.LOAD)
    public Agent register(@CacheKey String agentId, AgentRegistration registration) {
        AgentIds.requireNewId(agentId);
        if (repository.find(agentId).isPresent()) {
            throw new AgentAlreadyExistsException(agentId);
        }
        Instant now = now();
        Agent agent = new Agent(agentId, registration.agentType());
        agent.setDescription(registration.description());
        agent.setVersion(registration.version());
        agent.setCapabilities(registration.capabilities() == null ? List.of() : registration.capabilities());
        agent.setConfiguration(registration.configuration());
        agent.setStatus(registration.status() == null ? AgentStatus.OFFLINE : registration.status());
        agent.setActive(registration.active() == null || registration.active());
        agent.setCreatedAt(now);
        agent.setUpdatedAt(now);
        try {
            repository.insert(agent);
        } catch (PersistenceException e) {
            // Another instance registered the same name between our check and our insert.
            if (isUniqueViolation(e)) {
                throw new AgentAlreadyExistsException(agentId);
            }
            throw e;
        }
        invalidateCapabilityLists(StaleEntries.between(Optional.empty(), Optional.of(AgentState.of(agent))));
        return agent;
    }

    /** Applies the non-null changes. */
    @Transactional
    public Agent update(String agentId, AgentChanges changes) {
        return modify(agentId, agent -> {
            if (changes.agentType() != null) {
                agent.setAgentType(changes.agentType());
            }
            if (changes.description() != null) {
                agent.setDescription(changes.description());
            }
            if (changes.version() != null) {
                agent.setVersion(changes.version());
            }
            if (changes.capabilities() != null) {
                agent.setCapabilities(changes.capabilities());
            }
            if (changes.configuration() != null) {
                agent.setConfiguration(changes.configuration());
            }
            if (changes.status() != null) {
                agent.setStatus(changes.status());
            }
            if (changes.active() != null) {
                agent.setActive(changes.active());
            }
            if (changes.currentTasks() != null) {
                agent.setCurrentTasks(changes.currentTasks());
            }
            if (changes.responseTimeMs() != null) {
                agent.setResponseTimeMs(changes.responseTimeMs());
            }
        });
    }

    /**
     * What {@link #update} would make of the agent, without keeping it: the update runs (validation, row lock,
     * flush, invalidations requested) and its transaction is then rolled back, which also drops the invalidations.
     */
    @Transactional
    public Agent previewUpdate(String agentId, AgentChanges changes) {
        Agent agent = update(agentId, changes);
        transactions.setRollbackOnly();
        return agent;
    }

    @Transactional
    public Agent setStatus(String agentId, AgentStatus status) {
        if (status == null) {
            throw new InvalidAgentDataException("status is required");
        }
        return modify(agentId, agent -> agent.setStatus(status));
    }

    /** Records a heartbeat now, with the reported status, task count and response time where given. */
    @Transactional
    public Agent heartbeat(String agentId, Heartbeat heartbeat) {
        Instant now = now();
        return modify(agentId, agent -> {
            agent.setLastHeartbeat(now);
            if (heartbeat.status() != null) {
                agent.setStatus(heartbeat.status());
            }
            if (heartbeat.currentTasks() != null) {
                agent.setCurrentTasks(heartbeat.currentTasks());
            }
            if (heartbeat.responseTimeMs() != null) {
                agent.setResponseTimeMs(heartbeat.responseTimeMs());
            }
        });
    }

    /**
     * Adds {@code delta} (negative: finished tasks) to the running task count, under the row lock, so concurrent
     * starts and finishes are never lost.
     *
     * @throws TaskCountConflictException when the count would go below zero
     */
    @Transactional
    public Agent changeTaskCount(String agentId, int delta) {
        return modify(agentId, agent -> {
            long tasks = (long) agent.getCurrentTasks() + delta;
            if (tasks < 0 || tasks > AgentConstraints.MAX_TASKS) {
                throw new TaskCountConflictException(agentId, agent.getCurrentTasks(), delta);
            }
            agent.setCurrentTasks((int) tasks);
        });
    }

    /** Takes the agent out of service (is_active false); it stays registered. */
    @Transactional
    public Agent deactivate(String agentId) {
        return modify(agentId, agent -> agent.setActive(false));
    }

    /** Deletes the agent; its entries become "no such agent" (and it leaves every capability list it was on). */
    @Transactional
    @CacheInvalidate(cacheName = AgentCaches.AVAILABILITY)
    @CacheInvalidate(cacheName = AgentCaches.CAPABILITIES)
    @CacheInvalidate(cacheName = AgentCaches.LOAD)
    public void delete(@CacheKey String agentId) {
        AgentIds.requireId(agentId);
        Agent agent = repository.findForUpdate(agentId).orElseThrow(() -> new AgentNotFoundException(agentId));
        AgentState before = AgentState.of(agent);
        repository.delete(agent);
        invalidateCapabilityLists(StaleEntries.between(Optional.of(before), Optional.empty()));
    }

    /** Locks the row, applies the change, flushes, and invalidates what the change made stale. */
    private Agent modify(String agentId, Consumer<Agent> change) {
        AgentIds.requireId(agentId);
        Agent agent = repository.findForUpdate(agentId).orElseThrow(() -> new AgentNotFoundException(agentId));
        AgentState before = AgentState.of(agent);
        change.accept(agent);
        agent.setUpdatedAt(now());
        repository.flush();
        invalidate(StaleEntries.between(Optional.of(before), Optional.of(AgentState.of(agent))));
        return agent;
    }

    private void invalidate(List<StaleEntries.Entry> entries) {
        if (!entries.isEmpty()) {
            LOG.log(Level.FINE, MSG_INVALIDATING, new Object[] {entries.get(0).key(), entries});
        }
        // Deferred by the caching layer to the commit of this method's transaction.
        entries.forEach(e -> caches.invalidate(e.cacheName(), e.key()));
    }

    /** For register and delete, whose per-agent entries the annotations invalidate. */
    private void invalidateCapabilityLists(List<StaleEntries.Entry> entries) {
        invalidate(entries.stream().filter(e -> e.cacheName().equals(AgentCaches.AGENTS_BY_CAPABILITY)).toList());
    }

    private static Instant now() {
        // Milliseconds: what every database and the JSON of the Python services keep alike.
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
