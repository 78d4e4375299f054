package dev.devcycle.agent;

import java.time.Instant;
import java.util.Optional;

import dev.devcycle.agent.entry.AgentsByCapabilityEntry;
import dev.devcycle.agent.entry.AvailabilityEntry;
import dev.devcycle.agent.entry.CapabilitiesEntry;
import dev.devcycle.agent.entry.LoadEntry;
import dev.devcycle.agent.model.Agent;
import dev.devcycle.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The cached reads behind {@link AgentReads} and {@link LeastBusyRanking}: each one database query on a miss, none on
 * a hit. An unknown agent is an empty result, cached for the short negative TTL, so a flood of lookups of a missing id
 * does not reach the database; {@link AgentReads} turns it into the Python service's answers ({@code false}, an empty
 * list).
 *
 * <p>The values are the entries shared with the Python services (package {@code entry}): each carries the time it was
 * computed, and a cached one older than the cache's TTL is a miss, as for the Python readers.
 *
 * <p>A bean of its own because interceptors only apply to calls through the CDI proxy, not to calls inside a bean.
 */
@ApplicationScoped
public class AgentLookups {

    @Inject
    AgentRepository repository;

    /** Whether the agent is available; empty for no such agent. */
    @CacheResult(cacheName = AgentCaches.AVAILABILITY, ttl = AgentCaches.TTL, negativeTtl = AgentCaches.NEGATIVE_TTL)
    public Optional<AvailabilityEntry> availability(String agentId) {
        return repository.find(agentId).map(agent -> AvailabilityEntry.of(agent, Instant.now()));
    }

    /** The agent's capabilities in registration order; empty for no such agent. */
    @CacheResult(cacheName = AgentCaches.CAPABILITIES, ttl = AgentCaches.TTL, negativeTtl = AgentCaches.NEGATIVE_TTL)
    public Optional<CapabilitiesEntry> capabilities(String agentId) {
        return repository.find(agentId).map(agent -> CapabilitiesEntry.of(agent, Instant.now()));
    }

    /** The agent's load; empty for no such agent. */
    @CacheResult(cacheName = AgentCaches.LOAD, ttl = AgentCaches.TTL, negativeTtl = AgentCaches.NEGATIVE_TTL)
    public Optional<LoadEntry> load(String agentId) {
        return repository.find(agentId).map(agent -> LoadEntry.of(agent, Instant.now()));
    }

    /** The names of the available agents having a capability, sorted. */
    @CacheResult(cacheName = AgentCaches.AGENTS_BY_CAPABILITY, ttl = AgentCaches.TTL)
    public AgentsByCapabilityEntry availableAgentsHaving(String capability) {
        return new AgentsByCapabilityEntry(repository.findHavingCapability(capability).stream()
                .filter(Agent::isAvailable).map(Agent::getName).toList(), Instant.now());
    }
}
