package dev.devcycle.agent;

import java.util.List;

import dev.devcycle.agent.model.Agent;
import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.agent.model.AgentType;
import jakarta.json.JsonObject;

/** Changes to an agent; each null field is left as it is. */
public record AgentChanges(AgentType agentType, String description, String version, List<String> capabilities,
                           JsonObject configuration, AgentStatus status, Boolean active, Integer currentTasks,
                           Double responseTimeMs) {

    /** @throws InvalidAgentDataException for a value outside the limits */
    public AgentChanges {
        description = AgentConstraints.text("description", description, Agent.DESCRIPTION_LENGTH);
        version = AgentConstraints.text("version", version, Agent.VERSION_LENGTH);
        capabilities = AgentConstraints.capabilities(capabilities);
        configuration = AgentConstraints.configuration(configuration);
        currentTasks = AgentConstraints.tasks(currentTasks);
        responseTimeMs = AgentConstraints.responseTime(responseTimeMs);
    }

    public static AgentChanges status(AgentStatus status) {
        return new AgentChanges(null, null, null, null, null, status, null, null, null);
    }
}
