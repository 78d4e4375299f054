package dev.devcycle.agent.model;

import java.time.Instant;

/**
 * The load of one agent, as answered by {@code GET /api/agents/{id}/load} and cached (under {@code load_info}) in
 * {@code devcycle:agent:load:{agent_id}}; the Python services' field names.
 *
 * @param agentId            the agent's name
 * @param status             the wire name of the status, e.g. {@code online}
 * @param currentTasks       tasks running now
 * @param maxConcurrentTasks the configured bound
 * @param availableSlots     {@code max(0, max_concurrent_tasks - current_tasks)}
 * @param lastHeartbeat      the last heartbeat, {@code null} before the first
 * @param responseTimeMs     last reported response time in whole milliseconds (the Python services' column is an
 *                           integer, and their readers expect one), {@code null} when never reported
 */
public record AgentLoad(String agentId, String status, int currentTasks, int maxConcurrentTasks, int availableSlots,
                        Instant lastHeartbeat, Long responseTimeMs) {

    public static AgentLoad of(Agent agent) {
        return new AgentLoad(agent.getName(), agent.getStatus().value(), agent.getCurrentTasks(),
                agent.maxConcurrentTasks(), agent.availableSlots(), agent.getLastHeartbeat(),
                agent.getResponseTimeMs() == null ? null : Math.round(agent.getResponseTimeMs()));
    }
}
