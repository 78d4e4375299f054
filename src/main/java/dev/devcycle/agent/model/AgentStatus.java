package dev.devcycle.agent.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The lifecycle states of an agent, as the Python services name them (lowercase on the wire and in the database). */
public enum AgentStatus {
    OFFLINE, ONLINE, BUSY, IDLE, ERROR, MAINTENANCE, REGISTERED, DEPLOYING, DEPLOYED, STARTING, STOPPING, UPDATING,
    SCALING, FAILED, TIMEOUT, SUSPENDED, TERMINATED, DELETED;

    /** The name used in JSON, the database and the Python services: {@code online}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named by a wire value, case-sensitive as the Python services'; empty for anything else. */
    public static Optional<AgentStatus> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }
}
