package dev.devcycle.agent.model;

/**
 * The load of one agent, as cached under {@code devcycle:agent:load:{agent_id}} and answered by
 * {@code GET /api/agents/{id}/load}; JSON in snake_case, the seed's field names.
 *
 * @param agentId            the agent's name
 * @param status             the wire name of the status, e.g. {@code online}
 * @param currentTasks       tasks running now
 * @param maxConcurrentTasks the configured bound
 * @param availableSlots     {@code max(0, max_concurrent_tasks - current_tasks)}
 * @param lastHeartbeat      ISO-8601 instant of the last heartbeat, {@code null} before the first
 * @param responseTimeMs     last reported response time, {@code null} when never reported
 */
public record AgentLoad(String agentId, String status, int currentTasks, int maxConcurrentTasks, int availableSlots,
                        String lastHeartbeat, Double responseTimeMs) {

    public static AgentLoad of(Agent agent) {
        return new AgentLoad(agent.getName(), agent.getStatus().value(), agent.getCurrentTasks(),
                agent.maxConcurrentTasks(), agent.availableSlots(),
                agent.getLastHeartbeat() == null ? null : agent.getLastHeartbeat().toString(),
                agent.getResponseTimeMs());
    }
}
