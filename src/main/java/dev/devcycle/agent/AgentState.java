package dev.devcycle.agent;

import java.util.List;

import dev.devcycle.agent.model.Agent;
import dev.devcycle.agent.model.AgentLoad;

/**
 * What the caches hold about one agent, taken from the row before and after a write; comparing the two says exactly
 * which entries the write made stale.
 */
record AgentState(String agentId, boolean available, List<String> capabilities, AgentLoad load) {

    static AgentState of(Agent agent) {
        return new AgentState(agent.getName(), agent.isAvailable(), agent.getCapabilities(), AgentLoad.of(agent));
    }

    /** Whether this agent is listed under {@code agents_by_capability:{capability}}. */
    boolean listedUnder(String capability) {
        return available && capabilities.contains(capability);
    }
}
