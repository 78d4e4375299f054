package dev.devcycle.agent;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import dev.devcycle.agent.entry.AvailabilityEntry;
import dev.devcycle.agent.entry.CapabilitiesEntry;
import dev.devcycle.agent.entry.LoadEntry;
import dev.devcycle.agent.model.Agent;
import dev.devcycle.agent.model.AgentLoad;
import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.cache.CacheInvalidate;
import dev.devcycle.cache.CacheKey;
import dev.devcycle.cache.NamedCacheStatistics;
import dev.devcycle.cache.NamedCaches;
import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.RedisCaches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * The seed's agent availability service on the database, cached in Redis through the cache annotations.
 *
 * <p><b>Reads</b> go through {@link AgentLookups} ({@code @CacheResult}): one query on a miss, none on a hit within
 * the TTL. Unknown agents are cached briefly as "none" and answered as the seed does: not available, no capabilities.
 *
 * <p><b>Writes</b> run in a JTA transaction that locks the agent's row, compare the agent's cached state before and
 * after ({@link StaleEntries}) and invalidate exactly the entries that changed, including
 * {@code agents_by_capability} for every capability the agent had before or has after. Invalidations run after the
 * commit and not at all after a rollback; a load that read the old row before the write cannot store it afterwards
 * (the caching layer's generation check). So once a write has returned, no reader gets a value older than it.
 */
@ApplicationScoped
public class AgentAvailabilityService {

    private static final Logger LOG = Logger.getLogger(AgentAvailabilityService.class.getName());
    private static final String MSG_INVALIDATING = "Agent {0} changed: invalidating {1}";
    private static final String MSG_HEALTH_DB = "Database health check failed";
    /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String TRANSACTION_REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    @Inject
    AgentLookups lookups;

    @Inject
    AgentRepository repository;

    @Inject
    NamedCaches caches;

    @Inject
    RedisCaches redisCaches;

    @Inject
    DatabaseQueryCounter counter;

    // ---- reads (cached) ----

    /** Online, active, not in maintenance and with a free task slot; false for an unknown agent. */
    public boolean isAgentAvailable(String agentId) {
        return lookups.availability(AgentIds.requireId(agentId)).map(AvailabilityEntry::available).orElse(false);
    }

    /** The agent's capabilities; empty for an unknown agent. */
    public List<String> getAgentCapabilities(String agentId) {
        return lookups.capabilities(AgentIds.requireId(agentId)).map(CapabilitiesEntry::capabilities)
                .orElse(List.of());
    }

    /** Whether the agent has the capability; false for an unknown agent. */
    public boolean validateAgentCapability(String agentId, String capability) {
        AgentIds.requireCapability(capability);
        return getAgentCapabilities(agentId).contains(capability);
    }

    /** The names of the available agents having the capability, sorted. */
    public List<String> getAvailableAgentsByCapability(String capability) {
        return lookups.availableAgentsHaving(AgentIds.requireCapability(capability)).agentIds();
    }

    /** The agent's load; empty for an unknown agent. */
    public Optional<AgentLoad> getAgentLoad(String agentId) {
        return lookups.load(AgentIds.requireId(agentId)).map(LoadEntry::loadInfo);
    }

    /**
     * An available agent having all the capabilities (the seed looked at the first only): most free slots first,
     * then lowest response time (unknown last), then name. Built from the cached lists and loads, so a repeated call
     * within the TTL costs no query.
     *
     * @throws InvalidAgentDataException for no capabilities or a malformed one
     */
    public Optional<String> getLeastBusyAgent(List<String> capabilities) {
        if (capabilities == null || capabilities.isEmpty()) {
            throw new InvalidAgentDataException("at least one capability is required");
        }
        Set<String> candidates = null;
        for (String capability : new LinkedHashSet<>(AgentConstraints.capabilities(capabilities))) {
            Set<String> having = new LinkedHashSet<>(lookups.availableAgentsHaving(capability).agentIds());
            if (candidates == null) {
                candidates = having;
            } else {
                candidates.retainAll(having);
            }
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
        }
        // Two MGETs for all candidates instead of two GETs each; the annotated lookups load only what was missing.
        List<String> ids = List.copyOf(candidates);
        Map<String, Object> availability = caches.cache(AgentCaches.AVAILABILITY).getCached(ids,
                AvailabilityEntry.class,
                caches.settings(AgentCaches.AVAILABILITY, AgentCaches.TTL, AgentCaches.NEGATIVE_TTL));
        List<String> available = ids.stream()
                .filter(id -> availability.containsKey(id)
                        ? availability.get(id) instanceof AvailabilityEntry entry && entry.available()
                        : isAgentAvailable(id))
                .toList();
        Map<String, Object> loads = caches.cache(AgentCaches.LOAD).getCached(available, LoadEntry.class,
                caches.settings(AgentCaches.LOAD, AgentCaches.TTL, AgentCaches.NEGATIVE_TTL));
        return available.stream()
                .map(id -> loads.containsKey(id) ? Optional.ofNullable((LoadEntry) loads.get(id)) : lookups.load(id))
                .flatMap(Optional::stream)
                .map(LoadEntry::loadInfo)
                .filter(load -> load.availableSlots() > 0)
                .min(Comparator.comparingInt(AgentLoad::availableSlots).reversed()
                        .thenComparing(AgentLoad::responseTimeMs, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(AgentLoad::agentId))
                .map(AgentLoad::agentId);
    }

    /** The full record of an agent, from the database (not cached). */
    public Optional<Agent> getAgent(String agentId) {
        return repository.find(AgentIds.requireId(agentId));
    }

    /** Every agent, by name, from the database (not cached). */
    public List<Agent> listAgents() {
        return repository.findAll();
    }

    // ---- writes ----

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
        transactions().setRollbackOnly();
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

    // ---- cache administration ----

    /**
     * Removes the agent's availability, capabilities and load entries (the annotations do, when this returns).
     *
     * @return how many of them were present
     */
    @CacheInvalidate(cacheName = AgentCaches.AVAILABILITY)
    @CacheInvalidate(cacheName = AgentCaches.CAPABILITIES)
    @CacheInvalidate(cacheName = AgentCaches.LOAD)
    public long clearCache(@CacheKey String agentId) {
        AgentIds.requireId(agentId);
        RedisCache raw = redisCaches.cache(caches.keyPrefix());
        return AgentCaches.PER_AGENT.stream()
                .map(name -> caches.cache(name).redisKey(agentId).substring(caches.keyPrefix().length()))
                .filter(raw::exists)
                .count();
    }

    /** Removes every entry of the four agent caches; returns the Redis keys removed. */
    public long clearCache() {
        return AgentCaches.ALL.stream().mapToLong(caches::invalidateAll).sum();
    }

    /**
     * {@code db_queries} (SELECTs issued by this instance), {@code db_writes}, the totals of hits and misses over the
     * agent caches, each cache's statistics under {@code caches}, and {@code redis_connected}.
     */
    public Map<String, Object> getCacheStats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("db_queries", counter.queries());
        stats.put("db_writes", counter.writes());
        long hits = 0;
        long misses = 0;
        Map<String, Object> perCache = new LinkedHashMap<>();
        for (String name : AgentCaches.ALL) {
            NamedCacheStatistics s = caches.cache(name).statistics();
            hits += s.hits();
            misses += s.misses();
            perCache.put(name, s.toMap());
        }
        stats.put("hits", hits);
        stats.put("misses", misses);
        stats.put("hit_ratio", hits + misses == 0 ? 0.0 : (double) hits / (hits + misses));
        stats.put("redis_connected", redisCaches.cache(caches.keyPrefix()).healthCheck());
        stats.put("caches", perCache);
        return stats;
    }

    /**
     * {@code status}: {@code healthy} (database and Redis answer), {@code degraded} (database only: answers come
     * uncached) or {@code unhealthy} (no database); with {@code database} and {@code redis} booleans.
     */
    public Map<String, Object> healthCheck() {
        boolean database;
        try {
            repository.count();
            database = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, MSG_HEALTH_DB, e);
            database = false;
        }
        boolean redis = redisCaches.cache(caches.keyPrefix()).healthCheck();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", !database ? "unhealthy" : redis ? "healthy" : "degraded");
        health.put("database", database);
        health.put("redis", redis);
        return health;
    }

    // ---- internals ----

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

    private static TransactionSynchronizationRegistry transactions() {
        try {
            return (TransactionSynchronizationRegistry) new InitialContext().lookup(TRANSACTION_REGISTRY);
        } catch (NamingException e) {
            throw new IllegalStateException("no JTA transaction registry at " + TRANSACTION_REGISTRY, e);
        }
    }

    private static Instant now() {
        // Milliseconds: what every database and the JSON of the seed keep alike.
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
