package dev.devcycle.agent.rest;

import java.time.Instant;

import dev.devcycle.agent.model.Agent;
import dev.devcycle.agent.model.AgentLoad;
import dev.devcycle.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The JSON of an agent and of its load in the API: the Python services' field names, every field present (null when
 * unset).
 */
final class AgentRepresentation {

    private AgentRepresentation() {
    }

    static JsonObject of(Agent agent) {
        JsonArrayBuilder capabilities = Jsonp.array();
        agent.getCapabilities().forEach(capabilities::add);
        JsonObjectBuilder json = Jsonp.object()
                .add("name", agent.getName())
                .add("agent_type", agent.getAgentType().value());
        nullable(json, "description", agent.getDescription());
        nullable(json, "version", agent.getVersion());
        json.add("capabilities", capabilities)
                .add("configuration", agent.getConfiguration())
                .add("max_concurrent_tasks", agent.maxConcurrentTasks())
                .add("status", agent.getStatus().value())
                .add("is_active", agent.isActive())
                .add("current_tasks", agent.getCurrentTasks())
                .add("available", agent.isAvailable());
        instant(json, "last_heartbeat", agent.getLastHeartbeat());
        if (agent.getResponseTimeMs() == null) {
            json.addNull("response_time_ms");
        } else {
            json.add("response_time_ms", agent.getResponseTimeMs());
        }
        instant(json, "created_at", agent.getCreatedAt());
        instant(json, "updated_at", agent.getUpdatedAt());
        return json.build();
    }

    /** A load with every field, {@code null} where unknown. */
    static JsonObject of(AgentLoad load) {
        JsonObjectBuilder json = Jsonp.object()
                .add("agent_id", load.agentId())
                .add("status", load.status())
                .add("current_tasks", load.currentTasks())
                .add("max_concurrent_tasks", load.maxConcurrentTasks())
                .add("available_slots", load.availableSlots());
        instant(json, "last_heartbeat", load.lastHeartbeat());
        if (load.responseTimeMs() == null) {
            json.addNull("response_time_ms");
        } else {
            json.add("response_time_ms", load.responseTimeMs());
        }
        return json.build();
    }

    private static void nullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static void instant(JsonObjectBuilder json, String name, Instant value) {
        nullable(json, name, value == null ? null : value.toString());
    }
}
