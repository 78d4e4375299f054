package dev.devcycle.agent;

import java.util.List;
import java.util.Optional;

import dev.devcycle.agent.entry.AvailabilityEntry;
import dev.devcycle.agent.entry.CapabilitiesEntry;
import dev.devcycle.agent.entry.LoadEntry;
import dev.devcycle.agent.model.Agent;
import dev.devcycle.agent.model.AgentLoad;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The agent availability service's reads, with the Python service's answers: the cached lookups of
 * {@link AgentLookups} (one query on a miss, none on a hit within the TTL; an unknown agent is cached briefly as
 * "none" and answered as not available, no capabilities), and the agents' full records from the database, uncached.
 * Ids and capabilities are checked here, before they become parts of Redis keys.
 */
@ApplicationScoped
public class AgentReads {

    @Inject
    AgentLookups lookups;

    @Inject
    AgentRepository repository;

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

    /** The full record of an agent, from the database (not cached). */
    public Optional<Agent> getAgent(String agentId) {
        return repository.find(AgentIds.requireId(agentId));
    }

    /** Every agent, by name, from the database (not cached). */
    public List<Agent> listAgents() {
        return repository.findAll();
    }
}
