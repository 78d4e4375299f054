package dev.devcycle.agent;

/** An agent of this name is already registered: HTTP 409. */
public class AgentAlreadyExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AgentAlreadyExistsException(String agentId) {
        super("an agent named '" + agentId + "' already exists");
    }
}
