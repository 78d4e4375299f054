package dev.devcycle.agent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import dev.devcycle.agent.model.Agent;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** The limits on an agent's fields, checked wherever values enter (the records' constructors). */
final class AgentConstraints {

    static final int MAX_CAPABILITIES = 100;
    /** Far above any real agent; guards the arithmetic of available slots. */
    static final int MAX_TASKS = 1_000_000;

    private AgentConstraints() {
    }

    /** The capabilities, each checked, duplicates dropped (first occurrence kept); null stays null. */
    static List<String> capabilities(List<String> capabilities) {
        if (capabilities == null) {
            return null;
        }
        if (capabilities.size() > MAX_CAPABILITIES) {
            throw new InvalidAgentDataException("at most " + MAX_CAPABILITIES + " capabilities, got "
                    + capabilities.size());
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String capability : capabilities) {
            distinct.add(AgentIds.requireCapability(capability));
        }
        return List.copyOf(new ArrayList<>(distinct));
    }

    static String text(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidAgentDataException(field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    static JsonObject configuration(JsonObject configuration) {
        if (configuration == null) {
            return null;
        }
        if (configuration.toString().length() > Agent.CONFIGURATION_LENGTH) {
            throw new InvalidAgentDataException("configuration must be at most " + Agent.CONFIGURATION_LENGTH
                    + " characters of JSON");
        }
        JsonValue max = configuration.get(Agent.MAX_CONCURRENT_TASKS);
        if (max != null && !(max instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0
                && n.longValue() <= MAX_TASKS)) {
            throw new InvalidAgentDataException("configuration." + Agent.MAX_CONCURRENT_TASKS
                    + " must be a whole number from 0 to " + MAX_TASKS + ", got " + max);
        }
        return configuration;
    }

    static Integer tasks(Integer currentTasks) {
        if (currentTasks != null && (currentTasks < 0 || currentTasks > MAX_TASKS)) {
            throw new InvalidAgentDataException("current_tasks must be from 0 to " + MAX_TASKS + ", got "
                    + currentTasks);
        }
        return currentTasks;
    }

    static Double responseTime(Double responseTimeMs) {
        if (responseTimeMs != null && (responseTimeMs.isNaN() || responseTimeMs.isInfinite() || responseTimeMs < 0)) {
            throw new InvalidAgentDataException("response_time_ms must be a number >= 0, got " + responseTimeMs);
        }
        return responseTimeMs;
    }
}
