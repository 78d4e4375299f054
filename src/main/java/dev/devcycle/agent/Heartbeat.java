package dev.devcycle.agent;

import dev.devcycle.agent.model.AgentStatus;

/** A heartbeat: sets {@code last_heartbeat} to now and whichever of these fields is not null. */
public record Heartbeat(AgentStatus status, Integer currentTasks, Double responseTimeMs) {

    /** @throws InvalidAgentDataException for a value outside the limits */
    public Heartbeat {
        currentTasks = AgentConstraints.tasks(currentTasks);
        responseTimeMs = AgentConstraints.responseTime(responseTimeMs);
    }
}
