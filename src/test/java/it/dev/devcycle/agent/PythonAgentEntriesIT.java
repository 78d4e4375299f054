package it.dev.devcycle.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.PythonSeed;
import it.dev.devcycle.ItEnvironment;
import it.dev.devcycle.ItJson;
import it.dev.devcycle.agent.AgentApi.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import redis.clients.jedis.Jedis;

/**
 * On the started Liberty, the agent endpoints and the Python agent service (the tests' reproduction,
 * {@link PythonSeed}) on the ITs' Redis: each answers from the other's entries, and an entry of another shape is a
 * miss answered from the database, never an error.
 */
class PythonAgentEntriesIT {

    @RegisterExtension
    static final AgentApi api = new AgentApi();

    @Test
    void aForeignLoadEntryIsAnsweredFromTheDatabaseNotWithAnError() {
        String name = AgentApi.newName("foreign");
        api.register(name, "developer", "online", 2, "go");
        long now = System.currentTimeMillis() / 1000;
        try (Jedis redis = ItEnvironment.redis()) {
            // Half a Python entry: decoded member by member, it would be an empty load (400 before).
            redis.setex("devcycle:agent:load:" + name, 30, "{\"load_info\": {\"agent_id\": \"" + name + "\"},"
                    + " \"last_check\": " + now + ".5}");
            redis.setex("devcycle:agent:availability:" + name, 30, "{\"available\": \"yes\", \"last_check\": "
                    + now + ".5}");
        }
        long queries = api.dbQueries();

        Reply load = api.get(name + "/load");
        assertEquals(200, load.status(), load.body());
        assertEquals(2, load.object().getInt("available_slots"));
        assertEquals(name, load.object().getString("agent_id"));
        assertTrue(api.get(name + "/availability").object().getBoolean("available"));

        assertEquals(2, api.dbQueries() - queries, "both were misses, loaded from the database");
        try (Jedis redis = ItEnvironment.redis()) {
            assertEquals(2, RawLoad.slots(redis.get("devcycle:agent:load:" + name)), "and replaced");
        }
    }

    @Test
    void eachSideAnswersFromTheOthersEntries() {
        // An agent only the Python service's database knows: the endpoints can only answer it from Redis.
        String pythonOnly = AgentApi.newName("py");
        String spec = "{\"agents\": [{\"name\": \"" + pythonOnly + "\", \"status\": \"online\", \"capabilities\":"
                + " [\"cobol\"], \"configuration\": {\"max_concurrent_tasks\": 4}, \"current_tasks\": 1,"
                + " \"response_time_ms\": 80}], \"calls\": [[\"is_agent_available\", \"" + pythonOnly + "\"],"
                + " [\"get_agent_capabilities\", \"" + pythonOnly + "\"], [\"get_agent_load\", \"" + pythonOnly
                + "\"]]}";
        assertEquals(3, PythonSeed.run(ItEnvironment.redisPort(), "agents", spec).getInt("repository_calls"));

        assertTrue(api.get(pythonOnly + "/availability").object().getBoolean("available"));
        assertEquals(List.of("cobol"), api.get(pythonOnly + "/capabilities").array().getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList());
        JsonObject load = api.get(pythonOnly + "/load").object();
        assertEquals(3, load.getInt("available_slots"));
        assertEquals(80, load.getInt("response_time_ms"));

        // And the other way: what the endpoints cached, Python reads without its repository.
        String javaOnly = AgentApi.newName("java");
        api.register(javaOnly, "tester", "online", 3, "fortran");
        api.get(javaOnly + "/availability");
        api.get(javaOnly + "/load");
        JsonObject python = PythonSeed.run(ItEnvironment.redisPort(), "agents", "{\"agents\": [], \"calls\":"
                + " [[\"is_agent_available\", \"" + javaOnly + "\"], [\"get_agent_load\", \"" + javaOnly + "\"]]}");
        assertEquals(0, python.getInt("repository_calls"), python.toString());
        JsonArray results = python.getJsonArray("results");
        assertTrue(results.getBoolean(0));
        assertEquals(3, results.getJsonObject(1).getInt("available_slots"));
    }

    /** The slots of a raw load entry in the Python shape. */
    private static final class RawLoad {
        static int slots(String stored) {
            return ItJson.object(stored).getJsonObject("load_info").getInt("available_slots");
        }
    }
}
