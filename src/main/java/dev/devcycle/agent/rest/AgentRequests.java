package dev.devcycle.agent.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.devcycle.agent.AgentChanges;
import dev.devcycle.agent.AgentRegistration;
import dev.devcycle.agent.Heartbeat;
import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.agent.model.AgentType;
import dev.devcycle.rest.InvalidRequestException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads the JSON bodies of the agent API strictly: a wrong type, an unknown status or agent type, or an unknown field
 * (usually a typo such as {@code currentTasks}) is a 400 naming the field, never a silently ignored value or a 500.
 * Read-only fields of the agent representation are accepted and ignored, so a client can send back what it read.
 */
final class AgentRequests {

    private static final Set<String> READ_ONLY = Set.of("name", "available", "max_concurrent_tasks", "last_heartbeat",
            "created_at", "updated_at");
    private static final Set<String> REGISTRATION = Set.of("name", "agent_type", "description", "version",
            "capabilities", "configuration", "status", "is_active");
    private static final Set<String> CHANGES = Set.of("agent_type", "description", "version", "capabilities",
            "configuration", "status", "is_active", "current_tasks", "response_time_ms");
    private static final Set<String> HEARTBEAT = Set.of("status", "current_tasks", "response_time_ms");

    private AgentRequests() {
    }

    /** The name of {@code POST /api/agents}. */
    static String name(JsonObject body) {
        String name = string(body, "name");
        if (name == null) {
            throw new InvalidRequestException("name is required");
        }
        return name;
    }

    static AgentRegistration registration(JsonValue value) {
        JsonObject body = object(value);
        onlyFields(body, REGISTRATION, READ_ONLY);
        String type = string(body, "agent_type");
        if (type == null) {
            throw new InvalidRequestException("agent_type is required");
        }
        return new AgentRegistration(agentType(type), string(body, "description"), string(body, "version"),
                stringList(body, "capabilities"), object(body, "configuration"), status(string(body, "status")),
                bool(body, "is_active"));
    }

    /** The changes of {@code PUT /api/agents/{id}}; a {@code name} in the body must be the path's. */
    static AgentChanges changes(String agentId, JsonValue value) {
        JsonObject body = object(value);
        onlyFields(body, CHANGES, READ_ONLY);
        String name = string(body, "name");
        if (name != null && !name.equals(agentId)) {
            throw new InvalidRequestException("name cannot be changed (body says '" + name + "', path '" + agentId
                    + "')");
        }
        String type = string(body, "agent_type");
        return new AgentChanges(type == null ? null : agentType(type), string(body, "description"),
                string(body, "version"), stringList(body, "capabilities"), object(body, "configuration"),
                status(string(body, "status")), bool(body, "is_active"), integer(body, "current_tasks"),
                number(body, "response_time_ms"));
    }

    /** The status of {@code PUT /api/agents/{id}/status}. */
    static AgentStatus statusChange(JsonValue value) {
        JsonObject body = object(value);
        onlyFields(body, Set.of("status"), Set.of());
        AgentStatus status = status(string(body, "status"));
        if (status == null) {
            throw new InvalidRequestException("status is required");
        }
        return status;
    }

    /** The body of {@code POST /api/agents/{id}/heartbeat}; an empty or absent body is a bare heartbeat. */
    static Heartbeat heartbeat(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return new Heartbeat(null, null, null);
        }
        JsonObject body = object(value);
        onlyFields(body, HEARTBEAT, Set.of());
        return new Heartbeat(status(string(body, "status")), integer(body, "current_tasks"),
                number(body, "response_time_ms"));
    }

    /** The {@code delta} of {@code POST /api/agents/{id}/tasks}. */
    static int taskDelta(JsonValue value) {
        JsonObject body = object(value);
        onlyFields(body, Set.of("delta"), Set.of());
        Integer delta = integer(body, "delta");
        if (delta == null) {
            throw new InvalidRequestException("delta is required");
        }
        return delta;
    }

    private static JsonObject object(JsonValue value) {
        if (!(value instanceof JsonObject object)) {
            throw new InvalidRequestException("request body must be a JSON object");
        }
        return object;
    }

    private static void onlyFields(JsonObject body, Set<String> allowed, Set<String> ignored) {
        List<String> unknown = body.keySet().stream()
                .filter(k -> !allowed.contains(k) && !ignored.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("unknown field(s) " + unknown + "; allowed: "
                    + allowed.stream().sorted().toList());
        }
    }

    private static AgentType agentType(String value) {
        return AgentType.fromValue(value).orElseThrow(() -> new InvalidRequestException(
                "unknown agent_type '" + value + "'; one of " + names(AgentType.values(), AgentType::value)));
    }

    private static AgentStatus status(String value) {
        if (value == null) {
            return null;
        }
        return AgentStatus.fromValue(value).orElseThrow(() -> new InvalidRequestException(
                "unknown status '" + value + "'; one of " + names(AgentStatus.values(), AgentStatus::value)));
    }

    private static <E> String names(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).collect(Collectors.joining(", "));
    }

    /** Null when absent or JSON null. */
    private static String string(JsonObject body, String field) {
        JsonValue value = present(body, field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new InvalidRequestException(field + " must be a string");
    }

    private static Boolean bool(JsonObject body, String field) {
        JsonValue value = present(body, field);
        if (value == null) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new InvalidRequestException(field + " must be true or false");
    }

    private static Integer integer(JsonObject body, String field) {
        JsonValue value = present(body, field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                // falls through to the message below
            }
        }
        throw new InvalidRequestException(field + " must be a whole number");
    }

    private static Double number(JsonObject body, String field) {
        JsonValue value = present(body, field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber n) {
            return n.doubleValue();
        }
        throw new InvalidRequestException(field + " must be a number");
    }

    private static List<String> stringList(JsonObject body, String field) {
        JsonValue value = present(body, field);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidRequestException(field + " must be a list of strings");
        }
        List<String> list = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (!(item instanceof JsonString s)) {
                throw new InvalidRequestException(field + " must be a list of strings");
            }
            list.add(s.getString());
        }
        return list;
    }

    private static JsonObject object(JsonObject body, String field) {
        JsonValue value = present(body, field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonObject o) {
            return o;
        }
        throw new InvalidRequestException(field + " must be a JSON object");
    }

    private static JsonValue present(JsonObject body, String field) {
        JsonValue value = body.get(field);
        return value == null || value == JsonValue.NULL ? null : value;
    }
}
