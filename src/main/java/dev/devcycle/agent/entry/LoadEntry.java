package dev.devcycle.agent.entry;

import java.time.Instant;
import java.util.Optional;

import dev.devcycle.agent.model.Agent;
import dev.devcycle.agent.model.AgentLoad;
import dev.devcycle.cache.TimestampedValue;
import dev.devcycle.python.PythonTimestamps;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import dev.devcycle.json.Jsonp;

/**
 * {@code devcycle:agent:load:{agent_id}} as the Python agent service writes and reads it,
 * {@code {"load_info": {...}, "last_check": ...}} with every member present ({@code null} where unknown); the flat
 * object this service wrote before is read too. Members, JSON types and times: docs/agents.md.
 *
 * @param loadInfo  the load
 * @param lastCheck when it was computed; null in the flat form
 */
@JsonbTypeAdapter(LoadEntry.Shape.class)
public record LoadEntry(AgentLoad loadInfo, Instant lastCheck) implements TimestampedValue {

    static final String LOAD_INFO = "load_info";
    private static final String AGENT_ID = "agent_id";
    private static final String STATUS = "status";
    private static final String CURRENT_TASKS = "current_tasks";
    private static final String MAX_CONCURRENT_TASKS = "max_concurrent_tasks";
    private static final String AVAILABLE_SLOTS = "available_slots";
    private static final String LAST_HEARTBEAT = "last_heartbeat";
    private static final String RESPONSE_TIME_MS = "response_time_ms";

    public static LoadEntry of(Agent agent, Instant now) {
        return new LoadEntry(AgentLoad.of(agent), now);
    }

    @Override
    public Optional<Instant> computedAt() {
        return Optional.ofNullable(lastCheck);
    }

    /** The entry's JSON, both ways. */
    public static final class Shape implements JsonbAdapter<LoadEntry, JsonValue> {

        @Override
        public JsonValue adaptToJson(LoadEntry entry) {
            AgentLoad load = entry.loadInfo();
            JsonObjectBuilder info = Jsonp.object()
                    .add(AGENT_ID, load.agentId())
                    .add(STATUS, load.status())
                    .add(CURRENT_TASKS, load.currentTasks())
                    .add(MAX_CONCURRENT_TASKS, load.maxConcurrentTasks())
                    .add(AVAILABLE_SLOTS, load.availableSlots());
            if (load.lastHeartbeat() == null) {
                info.addNull(LAST_HEARTBEAT);
            } else {
                info.add(LAST_HEARTBEAT, PythonTimestamps.isoformat(load.lastHeartbeat()));
            }
            if (load.responseTimeMs() == null) {
                info.addNull(RESPONSE_TIME_MS);
            } else {
                info.add(RESPONSE_TIME_MS, load.responseTimeMs());
            }
            JsonObjectBuilder json = Jsonp.object().add(LOAD_INFO, info);
            if (entry.lastCheck() != null) {
                json.add(StrictMembers.LAST_CHECK, PythonTimestamps.epochSeconds(entry.lastCheck()));
            }
            return json.build();
        }

        @Override
        public LoadEntry adaptFromJson(JsonValue json) {
            JsonObject object = StrictMembers.object(json, "load entry");
            if (!object.containsKey(LOAD_INFO)) {
                return new LoadEntry(earlierForm(object), null);
            }
            JsonObject info = StrictMembers.object(object.get(LOAD_INFO), LOAD_INFO);
            JsonValue time = StrictMembers.member(info, RESPONSE_TIME_MS);
            Long responseTime;
            if (time instanceof JsonNumber n && isWhole(n)) {
                responseTime = n.bigDecimalValue().longValueExact();
            } else if (time.getValueType() == JsonValue.ValueType.NULL) {
                responseTime = null;
            } else {
                throw StrictMembers.wrong(RESPONSE_TIME_MS, "a whole number or null");
            }
            return new LoadEntry(new AgentLoad(StrictMembers.string(info, AGENT_ID),
                    StrictMembers.string(info, STATUS), StrictMembers.wholeNumber(info, CURRENT_TASKS),
                    StrictMembers.wholeNumber(info, MAX_CONCURRENT_TASKS),
                    StrictMembers.wholeNumber(info, AVAILABLE_SLOTS),
                    heartbeat(StrictMembers.member(info, LAST_HEARTBEAT)), responseTime),
                    StrictMembers.lastCheck(object));
        }

        /** The flat object of this service's earlier versions: nulls were left out, the response time a double. */
        private static AgentLoad earlierForm(JsonObject object) {
            JsonValue responseTime = object.getOrDefault(RESPONSE_TIME_MS, JsonValue.NULL);
            Long rounded;
            if (responseTime instanceof JsonNumber n) {
                rounded = Math.round(n.doubleValue());
            } else if (responseTime.getValueType() == JsonValue.ValueType.NULL) {
                rounded = null;
            } else {
                throw StrictMembers.wrong(RESPONSE_TIME_MS, "a number or null");
            }
            return new AgentLoad(StrictMembers.string(object, AGENT_ID), StrictMembers.string(object, STATUS),
                    StrictMembers.wholeNumber(object, CURRENT_TASKS),
                    StrictMembers.wholeNumber(object, MAX_CONCURRENT_TASKS),
                    StrictMembers.wholeNumber(object, AVAILABLE_SLOTS),
                    heartbeat(object.getOrDefault(LAST_HEARTBEAT, JsonValue.NULL)), rounded);
        }

        private static Instant heartbeat(JsonValue value) {
            if (value instanceof JsonString s) {
                return PythonTimestamps.parse(s.getString())
                        .orElseThrow(() -> StrictMembers.wrong(LAST_HEARTBEAT, "an ISO-8601 time"));
            }
            if (value instanceof JsonNumber n) {
                return PythonTimestamps.ofEpochSeconds(n.bigDecimalValue())
                        .orElseThrow(() -> StrictMembers.wrong(LAST_HEARTBEAT, "a time"));
            }
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            throw StrictMembers.wrong(LAST_HEARTBEAT, "a time or null");
        }

        private static boolean isWhole(JsonNumber n) {
            try {
                n.bigDecimalValue().longValueExact();
                return true;
            } catch (ArithmeticException e) {
                return false;
            }
        }
    }
}
