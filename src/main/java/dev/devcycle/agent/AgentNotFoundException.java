package dev.devcycle.agent;

/** No agent has this name: HTTP 404. */
public class AgentNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AgentNotFoundException(String agentId) {
        super("no agent named '" + agentId + "'");
    }
}
