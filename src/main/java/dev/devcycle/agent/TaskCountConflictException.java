package dev.devcycle.agent;

/** A task count change the agent's current count does not allow (it would go below zero): HTTP 409. */
public class TaskCountConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TaskCountConflictException(String agentId, int currentTasks, int delta) {
        super("agent '" + agentId + "' has " + currentTasks + " task(s); cannot change the count by " + delta);
    }
}
