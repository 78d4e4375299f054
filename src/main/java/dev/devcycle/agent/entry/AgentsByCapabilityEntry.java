package dev.devcycle.agent.entry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.devcycle.cache.TimestampedValue;
import jakarta.json.JsonValue;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

/**
 * {@code devcycle:agent:agents_by_capability:{capability}} as the Python agent service writes and reads it:
 * <pre>{"agent_ids": ["developer-1", "tester-1"], "last_check": 1764580000.123456}</pre>
 * Here the ids are agent names, sorted; the Python service lists its database's {@code str(agent.id)} there.
 * Read also: the bare list this service wrote before (only its TTL bounds it).
 *
 * @param agentIds  the available agents having the capability
 * @param lastCheck when the list was computed; null in the bare form
 */
@JsonbTypeAdapter(AgentsByCapabilityEntry.Shape.class)
public record AgentsByCapabilityEntry(List<String> agentIds, Instant lastCheck) implements TimestampedValue {

    public AgentsByCapabilityEntry {
        agentIds = List.copyOf(agentIds);
    }

    @Override
    public Optional<Instant> computedAt() {
        return Optional.ofNullable(lastCheck);
    }

    /** The entry's JSON, both ways. */
    public static final class Shape implements JsonbAdapter<AgentsByCapabilityEntry, JsonValue> {

        @Override
        public JsonValue adaptToJson(AgentsByCapabilityEntry entry) {
            return StrictMembers.listEntry("agent_ids", entry.agentIds(), entry.lastCheck());
        }

        @Override
        public AgentsByCapabilityEntry adaptFromJson(JsonValue json) {
            StrictMembers.TimedList read = StrictMembers.timedList(json, "agent_ids");
            return new AgentsByCapabilityEntry(read.items(), read.lastCheck());
        }
    }
}
