package dev.devcycle.agent;

/** A value the agent rules do not allow (a malformed id, a negative task count, ...): HTTP 400. */
public class InvalidAgentDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidAgentDataException(String message) {
        super(message);
    }
}
