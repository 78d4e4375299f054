package dev.devcycle.agent.entry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.devcycle.agent.model.Agent;
import dev.devcycle.cache.TimestampedValue;
import dev.devcycle.python.PythonTimestamps;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import dev.devcycle.json.Jsonp;

/**
 * {@code devcycle:agent:availability:{agent_id}} as the Python agent service writes and reads it,
 * {@code {"available", "status", "capabilities", "last_check"}}; the bare {@code true}/{@code false} this service wrote
 * before is read too. Members and JSON types: docs/agents.md.
 *
 * @param available    whether the agent takes work
 * @param status       the wire name of its status; null in the bare form
 * @param capabilities the capabilities as Python's column text; null in the bare form
 * @param lastCheck    when it was computed; null in the bare form
 */
@JsonbTypeAdapter(AvailabilityEntry.Shape.class)
public record AvailabilityEntry(boolean available, String status, String capabilities, Instant lastCheck)
        implements TimestampedValue {

    public static AvailabilityEntry of(Agent agent, Instant now) {
        return new AvailabilityEntry(agent.isAvailable(), agent.getStatus().value(),
                PythonListText.of(agent.getCapabilities()), now);
    }

    @Override
    public Optional<Instant> computedAt() {
        return Optional.ofNullable(lastCheck);
    }

    /** The entry's JSON, both ways. */
    public static final class Shape implements JsonbAdapter<AvailabilityEntry, JsonValue> {

        @Override
        public JsonValue adaptToJson(AvailabilityEntry entry) {
            if (entry.lastCheck() == null) {
                return entry.available() ? JsonValue.TRUE : JsonValue.FALSE;
            }
            return Jsonp.object()
                    .add("available", entry.available())
                    .add("status", entry.status())
                    .add("capabilities", entry.capabilities())
                    .add(StrictMembers.LAST_CHECK, PythonTimestamps.epochSeconds(entry.lastCheck()))
                    .build();
        }

        @Override
        public AvailabilityEntry adaptFromJson(JsonValue json) {
            JsonValue.ValueType type = json.getValueType();
            if (type == JsonValue.ValueType.TRUE || type == JsonValue.ValueType.FALSE) {
                return new AvailabilityEntry(type == JsonValue.ValueType.TRUE, null, null, null);
            }
            JsonObject object = StrictMembers.object(json, "availability entry");
            JsonValue capabilities = StrictMembers.member(object, "capabilities");
            String text = capabilities instanceof JsonString s ? s.getString()
                    : PythonListText.of(StrictMembers.strings(capabilities, "capabilities"));
            return new AvailabilityEntry(StrictMembers.bool(object, "available"),
                    StrictMembers.string(object, "status"), text, StrictMembers.lastCheck(object));
        }
    }

    /** {@code json.dumps} of a list of strings: {@code ", "} between items, non-ASCII escaped as Python does. */
    static final class PythonListText {

        private PythonListText() {
        }

        static String of(List<String> strings) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < strings.size(); i++) {
                if (i > 0) {
                    text.append(", ");
                }
                quote(strings.get(i), text);
            }
            return text.append(']').toString();
        }

        private static void quote(String s, StringBuilder out) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
