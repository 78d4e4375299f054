package it.dev.devcycle.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.agent.AgentApi.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;

/** Every endpoint of {@code /api/agents} on the started Liberty: answers, status codes and error bodies. */
class AgentApiIT {

    @RegisterExtension
    static final AgentApi api = new AgentApi();

    @Test
    void sampleAgentsAreThereOnAFreshDatabase() {
        Reply list = api.get("");
        assertEquals(200, list.status(), list.body());
        List<String> names = list.array().stream().map(v -> v.asJsonObject().getString("name")).toList();
        assertTrue(names.containsAll(List.of("developer-1", "tester-1", "deployer-1")), "samples: " + names);
        assertEquals(List.of("developer-1", "developer-2", "tester-1"),
                strings(api.get("available?capability=python")), "available python agents among the samples");
    }

    @Test
    void registerReadUpdateDelete() {
        String name = AgentApi.newName("crud");
        Reply created = api.post("", "{\"name\":\"" + name + "\",\"agent_type\":\"developer\",\"description\":\"d\","
                + "\"version\":\"2.0\",\"capabilities\":[\"java\",\"sql\",\"java\"],"
                + "\"configuration\":{\"max_concurrent_tasks\":2,\"model\":\"m\"},\"status\":\"online\"}");
        assertEquals(201, created.status(), created.body());
        assertTrue(created.location().endsWith("/api/agents/" + name), "Location: " + created.location());
        JsonObject agent = created.object();
        assertEquals(List.of("java", "sql"), strings(agent.getJsonArray("capabilities")), "duplicates dropped");
        assertEquals("developer", agent.getString("agent_type"));
        assertEquals(2, agent.getInt("max_concurrent_tasks"));
        assertTrue(agent.getBoolean("is_active"));
        assertTrue(agent.getBoolean("available"));
        assertEquals(0, agent.getInt("current_tasks"));
        assertNotNull(agent.getString("created_at"));

        Reply read = api.get(name);
        assertEquals(200, read.status());
        assertEquals("m", read.object().getJsonObject("configuration").getString("model"));

        Reply updated = api.put(name, "{\"description\":\"new\",\"capabilities\":[\"go\"],\"current_tasks\":1,"
                + "\"response_time_ms\":12.5}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals("new", updated.object().getString("description"));
        assertEquals("2.0", updated.object().getString("version"), "fields not sent stay");
        assertEquals(List.of("go"), strings(updated.object().getJsonArray("capabilities")));
        assertEquals(12.5, updated.object().getJsonNumber("response_time_ms").doubleValue());

        Reply roundTrip = api.put(name, updated.body());
        assertEquals(200, roundTrip.status(), "what GET/PUT answer can be sent back: " + roundTrip.body());

        assertTrue(api.get("").array().stream().anyMatch(v -> v.asJsonObject().getString("name").equals(name)));

        assertEquals(204, api.delete(name).status());
        assertEquals(404, api.get(name).status());
        assertEquals(404, api.delete(name).status());
    }

    @Test
    void statusHeartbeatTasksAndDeactivation() {
        String name = AgentApi.newName("life");
        api.register(name, "tester", "offline", 2, "testing");

        Reply status = api.put(name + "/status", "{\"status\":\"online\"}");
        assertEquals(200, status.status(), status.body());
        assertEquals("online", status.object().getString("status"));

        Reply bare = api.post(name + "/heartbeat", null);
        assertEquals(200, bare.status(), bare.body());
        assertNotNull(bare.object().getString("last_heartbeat"));

        Reply beat = api.post(name + "/heartbeat", "{\"status\":\"busy\",\"current_tasks\":1,\"response_time_ms\":7}");
        assertEquals(200, beat.status(), beat.body());
        assertEquals("busy", beat.object().getString("status"));
        assertEquals(1, beat.object().getInt("current_tasks"));

        assertEquals(2, api.post(name + "/tasks", "{\"delta\":1}").object().getInt("current_tasks"));
        assertEquals(0, api.post(name + "/tasks", "{\"delta\":-2}").object().getInt("current_tasks"));
        Reply below = api.post(name + "/tasks", "{\"delta\":-1}");
        assertEquals(409, below.status(), below.body());
        assertTrue(below.error().contains("0 task"), below.error());

        Reply deactivated = api.post(name + "/deactivate", null);
        assertEquals(200, deactivated.status(), deactivated.body());
        assertFalse(deactivated.object().getBoolean("is_active"));
    }

    @Test
    void cachedAnswers() {
        String name = AgentApi.newName("answers");
        api.register(name, "developer", "online", 3, "rust", "wasm");

        JsonObject availability = api.get(name + "/availability").object();
        assertEquals(name, availability.getString("agent_id"));
        assertTrue(availability.getBoolean("available"));
        assertEquals(List.of("rust", "wasm"), strings(api.get(name + "/capabilities")));
        JsonObject has = api.get(name + "/capabilities/wasm").object();
        assertEquals(name, has.getString("agent_id"));
        assertEquals("wasm", has.getString("capability"));
        assertTrue(has.getBoolean("has_capability"));
        assertFalse(api.get(name + "/capabilities/cobol").object().getBoolean("has_capability"));

        JsonObject load = api.get(name + "/load").object();
        assertEquals(name, load.getString("agent_id"));
        assertEquals("online", load.getString("status"));
        assertEquals(0, load.getInt("current_tasks"));
        assertEquals(3, load.getInt("max_concurrent_tasks"));
        assertEquals(3, load.getInt("available_slots"));
        assertTrue(load.containsKey("last_heartbeat") && load.containsKey("response_time_ms"), load.toString());

        assertEquals(List.of(name), strings(api.get("available?capability=wasm")));
        Reply best = api.get("least-busy?capability=rust&capability=wasm");
        assertEquals(200, best.status(), best.body());
        assertEquals(name, best.object().getString("agent_id"));
        Reply none = api.get("least-busy?capability=rust&capability=cobol");
        assertEquals(404, none.status());
        assertNotNull(none.error());
    }

    @Test
    void unknownAgents() {
        assertFalse(api.get("no-such-agent/availability").object().getBoolean("available"), "unknown: false");
        assertEquals(List.of(), strings(api.get("no-such-agent/capabilities")));
        assertFalse(api.get("no-such-agent/capabilities/x").object().getBoolean("has_capability"));
        for (Reply reply : List.of(api.get("no-such-agent"), api.get("no-such-agent/load"),
                api.put("no-such-agent", "{}"), api.put("no-such-agent/status", "{\"status\":\"online\"}"),
                api.post("no-such-agent/heartbeat", null), api.post("no-such-agent/tasks", "{\"delta\":1}"),
                api.post("no-such-agent/deactivate", null), api.delete("no-such-agent"))) {
            assertEquals(404, reply.status(), reply.body());
            assertTrue(reply.error().contains("no-such-agent"), reply.error());
        }
    }

    @Test
    void fixedPathsAreNotAgentIds() {
        assertEquals(JsonValue.ValueType.ARRAY, api.get("available?capability=python").json().getValueType());
        assertEquals(200, api.get("least-busy?capability=python").status());
        assertTrue(api.get("cache/stats").object().containsKey("db_queries"));
        assertTrue(api.delete("cache").object().containsKey("cleared"));
        assertEquals("healthy", api.get("health").object().getString("status"));
        for (String reserved : List.of("available", "least-busy", "cache", "health")) {
            Reply reply = api.post("", "{\"name\":\"" + reserved + "\",\"agent_type\":\"custom\"}");
            assertEquals(400, reply.status(), reserved + ": " + reply.body());
        }
    }

    @Test
    void badRequestsAre400WithAJsonError() {
        String name = AgentApi.newName("bad");
        api.register(name, "custom", "online", 1);
        List<Reply> replies = List.of(
                api.get("bad id/availability"),
                api.get("x".repeat(101) + "/availability"),
                api.get("ok/capabilities/a:b"),
                api.get("available"),
                api.get("available?capability=a*b"),
                api.get("least-busy"),
                api.post("", "{\"name\":\"" + AgentApi.newName("t") + "\",\"agent_type\":\"wizard\"}"),
                api.post("", "{\"name\":\"" + AgentApi.newName("t") + "\"}"),
                api.post("", "{\"agent_type\":\"custom\"}"),
                api.post("", "{\"name\":\"bad name\",\"agent_type\":\"custom\"}"),
                api.post("", "{\"name\":\"" + AgentApi.newName("t") + "\",\"agent_type\":\"custom\",\"status\":\"asleep\"}"),
                api.post("", "{\"name\":\"" + AgentApi.newName("t") + "\",\"agent_type\":\"custom\",\"capabilities\":\"x\"}"),
                api.post("", "{\"name\":\"" + AgentApi.newName("t") + "\",\"agent_type\":\"custom\",\"colour\":\"red\"}"),
                api.post("", "{\"name\":"),
                api.post("", "[1,2]"),
                api.post("", "\"just a string\""),
                api.put(name, "{\"current_tasks\":-1}"),
                api.put(name, "{\"current_tasks\":1.5}"),
                api.put(name, "{\"configuration\":{\"max_concurrent_tasks\":-2}}"),
                api.put(name, "{\"name\":\"another\"}"),
                api.put(name, "{\"is_active\":\"yes\"}"),
                api.put(name + "/status", "{\"status\":\"asleep\"}"),
                api.put(name + "/status", "{}"),
                api.post(name + "/heartbeat", "{\"current_tasks\":-3}"),
                api.post(name + "/heartbeat", "{\"response_time_ms\":-1}"),
                api.post(name + "/heartbeat", "{oops"),
                api.post(name + "/tasks", "{}"));
        for (Reply reply : replies) {
            assertEquals(400, reply.status(), reply.body());
            assertFalse(reply.error().isBlank(), reply.body());
        }
    }

    @Test
    void conflictsAndUnsupportedMedia() {
        String name = AgentApi.newName("dup");
        api.register(name, "custom", "online", 1);
        Reply duplicate = api.post("", "{\"name\":\"" + name + "\",\"agent_type\":\"custom\"}");
        assertEquals(409, duplicate.status(), duplicate.body());
        assertTrue(duplicate.error().contains(name));

        Reply text = api.put(name, "status=online", MediaType.TEXT_PLAIN_TYPE);
        assertEquals(415, text.status(), text.body());
        assertNotNull(text.error());
    }

    private static List<String> strings(Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        return strings(reply.array());
    }

    private static List<String> strings(jakarta.json.JsonArray array) {
        return array.stream().map(v -> ((JsonString) v).getString()).toList();
    }
}
