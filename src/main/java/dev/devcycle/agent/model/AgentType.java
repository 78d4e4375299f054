package dev.devcycle.agent.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an agent does, as the Python services name it. */
public enum AgentType {
    BUSINESS_ANALYST, DEVELOPER, TESTER, DEPLOYER, MONITOR, CUSTOM;

    /** The name used in JSON, the database and the Python services: {@code business_analyst}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named by a wire value; empty for anything else. */
    public static Optional<AgentType> fromValue(String value) {
        return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst();
    }
}
