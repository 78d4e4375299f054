package dev.devcycle.agent.entry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.devcycle.agent.model.Agent;
import dev.devcycle.cache.TimestampedValue;
import jakarta.json.JsonValue;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

/**
 * {@code devcycle:agent:capabilities:{agent_id}} as the Python agent service writes and reads it:
 * <pre>{"capabilities": ["python", "java"], "last_check": 1764580000.123456}</pre>
 * Read also: the bare list this service wrote before (only its TTL bounds it).
 *
 * @param capabilities the agent's capabilities, in registration order
 * @param lastCheck    when they were read; null in the bare form
 */
@JsonbTypeAdapter(CapabilitiesEntry.Shape.class)
public record CapabilitiesEntry(List<String> capabilities, Instant lastCheck) implements TimestampedValue {

    public CapabilitiesEntry {
        capabilities = List.copyOf(capabilities);
    }

    public static CapabilitiesEntry of(Agent agent, Instant now) {
        return new CapabilitiesEntry(agent.getCapabilities(), now);
    }

    @Override
    public Optional<Instant> computedAt() {
        return Optional.ofNullable(lastCheck);
    }

    /** The entry's JSON, both ways. */
    public static final class Shape implements JsonbAdapter<CapabilitiesEntry, JsonValue> {

        @Override
        public JsonValue adaptToJson(CapabilitiesEntry entry) {
            return StrictMembers.listEntry("capabilities", entry.capabilities(), entry.lastCheck());
        }

        @Override
        public CapabilitiesEntry adaptFromJson(JsonValue json) {
            StrictMembers.TimedList read = StrictMembers.timedList(json, "capabilities");
            return new CapabilitiesEntry(read.items(), read.lastCheck());
        }
    }
}
