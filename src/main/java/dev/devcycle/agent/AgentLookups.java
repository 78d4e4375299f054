package dev.devcycle.agent;

import java.util.List;
import java.util.Optional;

import dev.devcycle.agent.model.Agent;
import dev.devcycle.agent.model.AgentLoad;
import dev.devcycle.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The cached reads behind {@link AgentAvailabilityService}: each one database query on a miss, none on a hit. An
 * unknown agent is an empty result, cached for the short negative TTL, so a flood of lookups of a missing id does not
 * reach the database; the service turns it into the seed's answers ({@code false}, an empty list).
 *
 * <p>A bean of its own because interceptors only apply to calls through the CDI proxy, not to calls inside a bean.
 */
@ApplicationScoped
public class AgentLookups {

    @Inject
    AgentRepository repository;

    /** Whether the agent is available; empty for no such agent. */
    @CacheResult(cacheName = AgentCaches.AVAILABILITY, ttl = AgentCaches.TTL, negativeTtl = AgentCaches.NEGATIVE_TTL)
    public Optional<Boolean> availability(String agentId) {
        return repository.find(agentId).map(Agent::isAvailable);
    }

    /** The agent's capabilities in registration order; empty for no such agent. */
    @CacheResult(cacheName = AgentCaches.CAPABILITIES, ttl = AgentCaches.TTL, negativeTtl = AgentCaches.NEGATIVE_TTL)
    public Optional<List<String>> capabilities(String agentId) {
        return repository.find(agentId).map(Agent::getCapabilities);
    }

    /** The agent's load; empty for no such agent. */
    @CacheResult(cacheName = AgentCaches.LOAD, ttl = AgentCaches.TTL, negativeTtl = AgentCaches.NEGATIVE_TTL)
    public Optional<AgentLoad> load(String agentId) {
        return repository.find(agentId).map(AgentLoad::of);
    }

    /** The names of the available agents having a capability, sorted. */
    @CacheResult(cacheName = AgentCaches.AGENTS_BY_CAPABILITY, ttl = AgentCaches.TTL)
    public List<String> availableAgentsHaving(String capability) {
        return repository.findHavingCapability(capability).stream()
                .filter(Agent::isAvailable).map(Agent::getName).toList();
    }
}
