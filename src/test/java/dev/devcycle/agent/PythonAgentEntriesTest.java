package dev.devcycle.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.agent.model.AgentLoad;
import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.agent.model.AgentType;
import dev.devcycle.testsupport.PythonSeed;
import dev.devcycle.testsupport.RedisServerExtension;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import redis.clients.jedis.Jedis;

/**
 * The four agent entries shared, both ways, with the Python agent availability service on one Redis: the
 * tests' reproduction of its reads and writes ({@link PythonSeed}, checked against the original, docs/agents.md) runs
 * with redis-py beside the Java service (Weld, H2, the cache interceptors). A hit is proven on both sides: Python's
 * repository stub counts its lookups, the Java database counter its queries.
 */
class PythonAgentEntriesTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    private static AgentServiceContainer agents;

    private AgentReads reads;
    private AgentWrites writes;
    private DatabaseQueryCounter counter;

    @BeforeAll
    static void start() {
        agents = AgentServiceContainer.start(redis);
    }

    @AfterAll
    static void stop() {
        if (agents != null) {
            agents.close();
        }
    }

    @BeforeEach
    void setUp() {
        reads = agents.bean(AgentReads.class);
        writes = agents.bean(AgentWrites.class);
        counter = agents.bean(DatabaseQueryCounter.class);
        agents.deleteAllAgents();
    }

    @Test
    void pythonReadsWhatJavaWritesAsItsOwnEntries() {
        register("a1", AgentStatus.ONLINE, 2, "python", "java");
        writes.heartbeat("a1", new Heartbeat(null, null, 42.4));
        Instant heartbeat = reads.getAgent("a1").orElseThrow().getLastHeartbeat();
        warm("a1", "java");

        // Python's repository is empty: anything but a cache hit would answer False, [] or an error.
        JsonObject python = PythonSeed.run(redis, "agents", calls(List.of(
                List.of("is_agent_available", "a1"), List.of("get_agent_capabilities", "a1"),
                List.of("validate_agent_capability", "a1", "java"), List.of("get_agent_load", "a1"),
                List.of("get_available_agents_by_capability", "java"),
                List.of("entry_types", "availability:a1"), List.of("entry_types", "load:a1"))));

        assertEquals(0, python.getInt("repository_calls"), "every read a hit: " + python);
        JsonArray results = python.getJsonArray("results");
        assertTrue(results.getBoolean(0), "available");
        assertEquals(List.of("python", "java"), strings(results.getJsonArray(1)));
        assertTrue(results.getBoolean(2));
        JsonObject load = results.getJsonObject(3);
        assertEquals("a1", load.getString("agent_id"));
        assertEquals("online", load.getString("status"));
        assertIntegral(load, "current_tasks", 0);
        assertIntegral(load, "max_concurrent_tasks", 2);
        assertIntegral(load, "available_slots", 2);
        assertIntegral(load, "response_time_ms", 42);
        assertEquals(List.of("a1"), strings(results.getJsonArray(4)));
        assertEquals(Json.createObjectBuilder().add("available", "bool").add("status", "str")
                .add("capabilities", "str").add("last_check", "float").build(), results.getJsonObject(5),
                "the types Python's own writer gives them");
        JsonObject loadTypes = results.getJsonObject(6);
        assertEquals("float", loadTypes.getString("last_check"));
        assertEquals(Json.createObjectBuilder().add("agent_id", "str").add("status", "str")
                .add("current_tasks", "int").add("max_concurrent_tasks", "int").add("available_slots", "int")
                .add("last_heartbeat", "str").add("response_time_ms", "int").build(),
                loadTypes.getJsonObject("load_info"));

        // The heartbeat as datetime.isoformat() text, which Python's datetime.fromisoformat reads back exactly.
        JsonObject parsed = PythonSeed.run(redis, "agents",
                calls(List.of(List.of("fromisoformat", load.getString("last_heartbeat")))));
        assertEquals(heartbeat.toEpochMilli() / 1000.0,
                parsed.getJsonArray("results").getJsonNumber(0).doubleValue(), 1e-6);
    }

    @Test
    void javaReadsWhatPythonWritesWithoutAQuery() {
        // An agent only Python's database has: any Java answer but a cache hit would be "no such agent".
        JsonObject python = PythonSeed.run(redis, "agents", "{\"agents\": [" + pythonAgent("p1", "online", 3, 1)
                + "], \"calls\": [[\"is_agent_available\", \"p1\"], [\"get_agent_capabilities\", \"p1\"],"
                + " [\"get_agent_load\", \"p1\"], [\"get_available_agents_by_capability\", \"go\"]]}");
        assertEquals(4, python.getInt("repository_calls"), "Python loaded and stored each: " + python);
        String pythonId = python.getJsonArray("results").getJsonArray(3).getString(0);

        assertQueries(0, () -> reads.isAgentAvailable("p1"), true);
        assertQueries(0, () -> reads.getAgentCapabilities("p1"), List.of("go", "rust"));
        assertQueries(0, () -> reads.validateAgentCapability("p1", "rust"), true);
        assertQueries(0, () -> reads.getAgentLoad("p1"),
                Optional.of(new AgentLoad("p1", "online", 1, 3, 2, null, 120L)));
        // Python lists its database's str(agent.id) there; what it lists is what this service reads.
        assertQueries(0, () -> reads.getAvailableAgentsByCapability("go"), List.of(pythonId));
    }

    @Test
    void pythonCannotStoreALoadWithAHeartbeatSoJavaLoadsItsOwn() {
        register("h1", AgentStatus.ONLINE, 3, "go");
        String agent = "{\"name\": \"h1\", \"status\": \"online\", \"capabilities\": [\"go\"], \"configuration\":"
                + " {\"max_concurrent_tasks\": 3}, \"last_heartbeat\": \"2026-12-01T07:59:00.500000+00:00\"}";

        JsonObject python = PythonSeed.run(redis, "agents", "{\"agents\": [" + agent + "], \"calls\":"
                + " [[\"get_agent_load\", \"h1\"]]}");

        assertEquals("h1", python.getJsonArray("results").getJsonObject(0).getString("agent_id"));
        try (Jedis jedis = redis.jedis()) {
            assertNull(jedis.get("devcycle:agent:load:h1"), "json.dumps refuses the datetime: nothing stored");
        }
        assertQueries(1, () -> reads.getAgentLoad("h1").orElseThrow().availableSlots(), 3);
    }

    @Test
    void eachSideHonoursTheOthersLastCheckAsPythonJudgesIt() {
        register("f1", AgentStatus.ONLINE, 1, "go");
        reads.isAgentAvailable("f1");

        // 40 s later for Python: the Java entry's last_check is older than its 30 s, so Python loads again.
        JsonObject later = PythonSeed.run(redis, "agents", "{\"agents\": [" + pythonAgent("f1", "offline", 1, 0)
                + "], \"calls\": [[\"is_agent_available\", \"f1\"]]}", "--clock-offset", "40");
        assertEquals(1, later.getInt("repository_calls"), "stale for Python: " + later);
        assertFalse(later.getJsonArray("results").getBoolean(0), "Python's database says offline");
        // Its entry now carries a last_check 40 s ahead of this clock: fresh, as Python's rule has it.
        assertQueries(0, () -> reads.isAgentAvailable("f1"), false);

        // An entry Python wrote 40 s ago by its clock (still in Redis for its 30 s TTL): stale here too.
        try (Jedis jedis = redis.jedis()) {
            jedis.del("devcycle:agent:availability:f1");
        }
        PythonSeed.run(redis, "agents", "{\"agents\": [" + pythonAgent("f1", "offline", 1, 0)
                + "], \"calls\": [[\"is_agent_available\", \"f1\"]]}", "--clock-offset", "-40");
        assertQueries(1, () -> reads.isAgentAvailable("f1"), true);
        try (Jedis jedis = redis.jedis()) {
            double lastCheck = RawEntries.object(jedis.get("devcycle:agent:availability:f1"))
                    .getJsonNumber("last_check").doubleValue();
            assertTrue(Math.abs(System.currentTimeMillis() / 1000.0 - lastCheck) < 5, "replaced by a fresh one");
        }
        assertQueries(0, () -> reads.isAgentAvailable("f1"), true);

        // 20 s old by Python's clock: fresh for both.
        PythonSeed.run(redis, "agents", "{\"agents\": [" + pythonAgent("g1", "online", 1, 0)
                + "], \"calls\": [[\"is_agent_available\", \"g1\"]]}", "--clock-offset", "-20");
        assertQueries(0, () -> reads.isAgentAvailable("g1"), true);
    }

    @Test
    void javaStillReadsTheBareFormsItWroteBefore() {
        try (Jedis jedis = redis.jedis()) {
            jedis.setex("devcycle:agent:availability:o1", 30, "true");
            jedis.setex("devcycle:agent:capabilities:o1", 30, "[\"go\"]");
            jedis.setex("devcycle:agent:load:o1", 30, "{\"agent_id\":\"o1\",\"available_slots\":1,\"current_tasks\":0,"
                    + "\"max_concurrent_tasks\":1,\"response_time_ms\":12.5,\"status\":\"online\"}");
            jedis.setex("devcycle:agent:agents_by_capability:go", 30, "[\"o1\"]");
        }
        assertQueries(0, () -> reads.isAgentAvailable("o1"), true);
        assertQueries(0, () -> reads.getAgentCapabilities("o1"), List.of("go"));
        assertQueries(0, () -> reads.getAgentLoad("o1"),
                Optional.of(new AgentLoad("o1", "online", 0, 1, 1, null, 13L)));
        assertQueries(0, () -> reads.getAvailableAgentsByCapability("go"), List.of("o1"));
    }

    @Test
    void aForeignEntryIsAMissAnsweredFromTheDatabaseAndReplaced() {
        register("x1", AgentStatus.ONLINE, 2, "go");
        String now = Double.toString(System.currentTimeMillis() / 1000.0);
        Map<String, List<String>> foreign = Map.of(
                "devcycle:agent:availability:x1", List.of("{\"available\": \"yes\", \"status\": \"online\","
                        + " \"capabilities\": \"[]\", \"last_check\": " + now + "}",
                        "{\"available\": true, \"status\": \"online\", \"capabilities\": \"[]\", \"last_check\": NaN}",
                        "{\"available\": true, \"last_check\": " + now + "}", "\"hello\"", "42", "[true]"),
                "devcycle:agent:capabilities:x1", List.of("{\"capabilities\": \"go\", \"last_check\": " + now + "}",
                        "{\"capabilities\": [1, 2], \"last_check\": " + now + "}",
                        "{\"capabilities\": [\"go\"], \"last_check\": \"" + now + "\"}"),
                "devcycle:agent:load:x1", List.of(
                        "{\"load_info\": {\"agent_id\": \"x1\"}, \"last_check\": " + now + "}",
                        "{\"load_info\": {\"agent_id\": \"x1\", \"status\": \"online\", \"current_tasks\": 0.5,"
                                + " \"max_concurrent_tasks\": 2, \"available_slots\": 2, \"last_heartbeat\": null,"
                                + " \"response_time_ms\": null}, \"last_check\": " + now + "}",
                        "{\"load_info\": {\"agent_id\": \"x1\", \"status\": \"online\", \"current_tasks\": 0,"
                                + " \"max_concurrent_tasks\": 2, \"available_slots\": 2, \"last_heartbeat\": \"soon\","
                                + " \"response_time_ms\": null}, \"last_check\": " + now + "}",
                        "{\"agent_id\": \"x1\"}"),
                "devcycle:agent:agents_by_capability:go", List.of("{\"agent_ids\": [1], \"last_check\": " + now + "}",
                        "{\"agent_ids\": \"x1\", \"last_check\": " + now + "}", "{\"last_check\": " + now + "}"));
        Map<String, Supplier<Object>> lookups = Map.of(
                "devcycle:agent:availability:x1", () -> reads.isAgentAvailable("x1"),
                "devcycle:agent:capabilities:x1", () -> reads.getAgentCapabilities("x1"),
                "devcycle:agent:load:x1", () -> reads.getAgentLoad("x1").orElseThrow().availableSlots(),
                "devcycle:agent:agents_by_capability:go", () -> reads.getAvailableAgentsByCapability("go"));
        Map<String, Object> expected = Map.of("devcycle:agent:availability:x1", true,
                "devcycle:agent:capabilities:x1", List.of("go"), "devcycle:agent:load:x1", 2,
                "devcycle:agent:agents_by_capability:go", List.of("x1"));

        foreign.forEach((key, entries) -> {
            for (String entry : entries) {
                try (Jedis jedis = redis.jedis()) {
                    jedis.setex(key, 30, entry);
                }
                long before = counter.queries();
                assertEquals(expected.get(key), lookups.get(key).get(), entry);
                assertEquals(1, counter.queries() - before, "a miss, from the database: " + entry);
                try (Jedis jedis = redis.jedis()) {
                    assertTrue(RawEntries.object(jedis.get(key)).containsKey("last_check"),
                            "replaced by this service's entry: " + jedis.get(key));
                }
            }
        });
    }

    private void register(String name, AgentStatus status, int maxTasks, String... capabilities) {
        writes.register(name, new AgentRegistration(AgentType.DEVELOPER, null, "1.0", List.of(capabilities),
                Json.createObjectBuilder().add("max_concurrent_tasks", maxTasks).build(), status, true));
    }

    private void warm(String agentId, String capability) {
        reads.isAgentAvailable(agentId);
        reads.getAgentCapabilities(agentId);
        reads.getAgentLoad(agentId);
        reads.getAvailableAgentsByCapability(capability);
    }

    /** A stub agent of Python's repository: its row with capabilities and configuration as JSON text. */
    private static String pythonAgent(String name, String status, int maxTasks, int tasks) {
        return "{\"name\": \"" + name + "\", \"status\": \"" + status + "\", \"capabilities\": [\"go\", \"rust\"],"
                + " \"configuration\": {\"max_concurrent_tasks\": " + maxTasks + "}, \"current_tasks\": " + tasks
                + ", \"response_time_ms\": 120}";
    }

    private static String calls(List<List<String>> calls) {
        var array = Json.createArrayBuilder();
        calls.forEach(call -> array.add(Json.createArrayBuilder(call)));
        return Json.createObjectBuilder().add("agents", Json.createArrayBuilder()).add("calls", array).build()
                .toString();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                .toList();
    }

    /** A JSON integer, as Python prints an int (a float prints as 2.0). */
    private static void assertIntegral(JsonObject object, String name, long value) {
        JsonNumber number = object.getJsonNumber(name);
        assertTrue(number.isIntegral(), name + " is an int for Python: " + object);
        assertEquals(value, number.longValue(), name);
    }

    private <T> void assertQueries(long expected, Supplier<T> lookup, T expectedValue) {
        long before = counter.queries();
        assertEquals(expectedValue, lookup.get());
        assertEquals(expected, counter.queries() - before, "database queries of this lookup");
    }
}
