package dev.devcycle.agent;

import java.util.List;

import dev.devcycle.agent.model.Agent;
import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.agent.model.AgentType;
import jakarta.json.JsonObject;

/**
 * A new agent (its name is given beside it). Nulls take the defaults: no description or version, no capabilities,
 * an empty configuration ({@code max_concurrent_tasks} 1), status {@code offline}, active.
 */
public record AgentRegistration(AgentType agentType, String description, String version, List<String> capabilities,
                                JsonObject configuration, AgentStatus status, Boolean active) {

    /** @throws InvalidAgentDataException for a value outside the limits */
    public AgentRegistration {
        if (agentType == null) {
            throw new InvalidAgentDataException("agent_type is required");
        }
        description = AgentConstraints.text("description", description, Agent.DESCRIPTION_LENGTH);
        version = AgentConstraints.text("version", version, Agent.VERSION_LENGTH);
        capabilities = AgentConstraints.capabilities(capabilities);
        configuration = AgentConstraints.configuration(configuration);
    }
}
