package dev.devcycle.agent.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.devcycle.agent.model.Agent;
import dev.devcycle.agent.model.AgentLoad;
import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.agent.model.AgentType;
import dev.devcycle.cache.UndecodableValueException;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.python.PythonTimestamps;
import dev.devcycle.testsupport.PythonSeed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * The agent entries' JSON as the Python agent service writes it: members, JSON types, explicit nulls, and the texts
 * Python itself produces for the capabilities column and for times (checked against a real python3); and the strict
 * reading that makes any other shape a miss.
 */
class AgentEntryShapesTest {

    private static final Instant CHECKED = Instant.parse("2026-12-01T08:00:00.123456Z");

    private final ValueCodec codec = new ValueCodec();

    @Test
    void writesThePythonShapesWithPythonsTypes() {
        Agent agent = agent();

        assertEquals("{\"available\":true,\"status\":\"online\",\"capabilities\":\"[\\\"python\\\", \\\"java\\\"]\","
                + "\"last_check\":1796112000.123456}", codec.encode(AvailabilityEntry.of(agent, CHECKED)));
        assertEquals("{\"capabilities\":[\"python\",\"java\"],\"last_check\":1796112000.123456}",
                codec.encode(CapabilitiesEntry.of(agent, CHECKED)));
        assertEquals("{\"agent_ids\":[\"a1\"],\"last_check\":1796112000.123456}",
                codec.encode(new AgentsByCapabilityEntry(List.of("a1"), CHECKED)));
        assertEquals("{\"load_info\":{\"agent_id\":\"a1\",\"status\":\"online\",\"current_tasks\":1,"
                + "\"max_concurrent_tasks\":2,\"available_slots\":1,\"last_heartbeat\":null,\"response_time_ms\":null},"
                + "\"last_check\":1796112000.123456}", codec.encode(LoadEntry.of(agent, CHECKED)));

        agent.setLastHeartbeat(Instant.parse("2026-12-01T07:59:00.500Z"));
        agent.setResponseTimeMs(41.5);
        JsonObject info = object(codec.encode(LoadEntry.of(agent, CHECKED))).getJsonObject("load_info");
        assertEquals("2026-12-01T07:59:00.500000+00:00", info.getString("last_heartbeat"));
        assertEquals("42", info.get("response_time_ms").toString(), "whole milliseconds, as Python's int column");
        assertEquals("1796112000.000000", PythonTimestamps.epochSeconds(Instant.ofEpochSecond(1796112000)).toString(),
                "always a fraction: Python reads a float");
    }

    @Test
    void readsBackWhatItWrites() {
        Agent agent = agent();
        agent.setLastHeartbeat(Instant.parse("2026-12-01T07:59:00.500Z"));
        agent.setResponseTimeMs(7.0);
        for (Object entry : List.of(AvailabilityEntry.of(agent, CHECKED), CapabilitiesEntry.of(agent, CHECKED),
                LoadEntry.of(agent, CHECKED), new AgentsByCapabilityEntry(List.of("a1", "b2"), CHECKED))) {
            assertEquals(entry, codec.decode(codec.encode(entry), entry.getClass()));
        }
    }

    @Test
    void theCapabilitiesTextIsWhatPythonsJsonDumpsWrites() {
        List<String> tricky = List.of("python", "donn\u00e9es", "x\"y", "back\\slash", "tab\tnew\nline",
                "\u0001\u007f", "\ud83d\ude00", "");
        String list = Json.createArrayBuilder(tricky).build().toString();
        String python = PythonSeed.script("import json, sys; sys.stdout.write(json.dumps(json.loads(sys.argv[1])))",
                list);
        assertEquals(python, AvailabilityEntry.PythonListText.of(tricky));
    }

    @Test
    void timesAreTheTextsOfPythonsIsoformat() {
        for (Instant instant : List.of(Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-12-01T08:00:00.5Z"),
                Instant.parse("2026-12-01T08:00:00.000001Z"), Instant.parse("0999-01-02T03:04:05.123456789Z"))) {
            String python = PythonSeed.script("import sys; from datetime import datetime, timezone, timedelta\n"
                    + "s, us = divmod(int(sys.argv[1]), 1000000)\n"
                    + "t = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=s, microseconds=us)\n"
                    + "sys.stdout.write(t.isoformat())",
                    Long.toString(instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000));
            assertEquals(python, PythonTimestamps.isoformat(instant));
            assertEquals(instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                    PythonTimestamps.parse(python).orElseThrow());
        }
        assertEquals(Instant.parse("2026-12-01T06:00:00Z"), PythonTimestamps.parse("2026-12-01T08:00:00+02:00")
                .orElseThrow());
        assertEquals(Instant.parse("2026-12-01T08:00:00Z"), PythonTimestamps.parse("2026-12-01 08:00:00")
                .orElseThrow(), "str(datetime), naive: UTC");
        assertTrue(PythonTimestamps.parse("yesterday").isEmpty());
        assertTrue(PythonTimestamps.ofEpochSeconds(new java.math.BigDecimal("1e999999999")).isEmpty());
    }

    @Test
    void readsTheEarlierBareForms() {
        assertEquals(new AvailabilityEntry(false, null, null, null), codec.decode("false", AvailabilityEntry.class));
        assertEquals(new CapabilitiesEntry(List.of("go"), null), codec.decode("[\"go\"]", CapabilitiesEntry.class));
        assertEquals(new AgentsByCapabilityEntry(List.of(), null), codec.decode("[]", AgentsByCapabilityEntry.class));
        LoadEntry load = codec.decode("{\"agent_id\":\"a\",\"available_slots\":1,\"current_tasks\":0,"
                + "\"last_heartbeat\":\"2026-12-01T07:59:00.500Z\",\"max_concurrent_tasks\":1,\"status\":\"online\"}",
                LoadEntry.class);
        assertEquals(new AgentLoad("a", "online", 0, 1, 1, Instant.parse("2026-12-01T07:59:00.500Z"), null),
                load.loadInfo());
        assertNull(load.lastCheck());
    }

    @Test
    void anyOtherShapeIsUndecodable() {
        String t = "1796112000.5";
        for (String stored : List.of(availability("1", "\"online\"", "\"[]\"", t),
                availability("true", "\"online\"", "[1]", t), availability("true", "null", "\"[]\"", t),
                "{\"available\": true, \"status\": \"online\", \"capabilities\": \"[]\"}",
                availability("true", "\"online\"", "\"[]\"", "\"" + t + "\""),
                availability("true", "\"online\"", "\"[]\"", "Infinity"),
                "\"true\"", "1", "[true]")) {
            assertThrows(UndecodableValueException.class, () -> codec.decode(stored, AvailabilityEntry.class), stored);
        }
        String info = "\"agent_id\": \"a\", \"status\": \"online\", \"current_tasks\": 0, \"max_concurrent_tasks\": 1,"
                + " \"available_slots\": 1, \"last_heartbeat\": null";
        for (String stored : List.of("{\"load_info\": {" + info + "}, \"last_check\": " + t + "}",
                "{\"load_info\": {" + info + ", \"response_time_ms\": 1.5}, \"last_check\": " + t + "}",
                "{\"load_info\": {" + info + ", \"response_time_ms\": \"1\"}, \"last_check\": " + t + "}",
                "{\"load_info\": {" + info + ", \"response_time_ms\": null}}",
                "{\"load_info\": [], \"last_check\": " + t + "}")) {
            assertThrows(UndecodableValueException.class, () -> codec.decode(stored, LoadEntry.class), stored);
        }
        for (String stored : List.of("{\"capabilities\": null, \"last_check\": " + t + "}", "[null]", "{}")) {
            assertThrows(UndecodableValueException.class, () -> codec.decode(stored, CapabilitiesEntry.class), stored);
        }
    }

    private static String availability(String available, String status, String capabilities, String lastCheck) {
        return "{\"available\": " + available + ", \"status\": " + status + ", \"capabilities\": " + capabilities
                + ", \"last_check\": " + lastCheck + "}";
    }

    private static Agent agent() {
        Agent agent = new Agent("a1", AgentType.DEVELOPER);
        agent.setCapabilities(List.of("python", "java"));
        agent.setConfiguration(Json.createObjectBuilder().add("max_concurrent_tasks", 2).build());
        agent.setStatus(AgentStatus.ONLINE);
        agent.setCurrentTasks(1);
        return agent;
    }

    private static JsonObject object(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
