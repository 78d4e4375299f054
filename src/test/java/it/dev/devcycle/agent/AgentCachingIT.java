package it.dev.devcycle.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.ItEnvironment;
import it.dev.devcycle.ItJson;
import it.dev.devcycle.ItRedis;
import it.dev.devcycle.agent.AgentApi.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import redis.clients.jedis.Jedis;

/**
 * The agent caches as other services see them: the raw Redis keys and TTLs, the database queries a hit saves, every
 * write's invalidations, and correct answers from the database while Redis is down.
 */
@ExtendWith(ItRedis.class)
class AgentCachingIT {

    private static final String AVAILABILITY = "devcycle:agent:availability:";
    private static final String CAPABILITIES = "devcycle:agent:capabilities:";
    private static final String LOAD = "devcycle:agent:load:";
    private static final String BY_CAPABILITY = "devcycle:agent:agents_by_capability:";

    @RegisterExtension
    static final AgentApi api = new AgentApi();

    @AfterEach
    void redisBackUp() {
        ItEnvironment.startRedis();
        api.logInAgain();
    }

    @Test
    void rawKeysValuesAndTtls(Jedis redis) {
        String name = AgentApi.newName("keys");
        String cap = AgentApi.newName("cap");
        api.register(name, "developer", "online", 2, cap);
        warm(name, cap);

        // The shapes of the Python agent service: the value and the time it was computed (last_check).
        JsonObject availability = object(redis.get(AVAILABILITY + name));
        assertTrue(availability.getBoolean("available"), availability.toString());
        assertEquals("online", availability.getString("status"));
        assertEquals("[\"" + cap + "\"]", availability.getString("capabilities"), "the Python column's text");
        double lastCheck = availability.getJsonNumber("last_check").doubleValue();
        assertTrue(Math.abs(System.currentTimeMillis() / 1000.0 - lastCheck) < 30, "last_check " + lastCheck);
        assertEquals(List.of(cap), strings(object(redis.get(CAPABILITIES + name)).getJsonArray("capabilities")));
        assertEquals(List.of(name), strings(object(redis.get(BY_CAPABILITY + cap)).getJsonArray("agent_ids")));
        JsonObject load = object(redis.get(LOAD + name)).getJsonObject("load_info");
        assertEquals(name, load.getString("agent_id"));
        assertEquals(2, load.getInt("available_slots"));
        assertTrue(load.isNull("last_heartbeat") && load.isNull("response_time_ms"), "nulls written: " + load);
        for (String key : List.of(AVAILABILITY + name, CAPABILITIES + name, LOAD + name, BY_CAPABILITY + cap)) {
            long ttl = redis.ttl(key);
            assertTrue(ttl > 20 && ttl <= 30, key + ": TTL 30 s, got " + ttl);
        }

        String ghost = AgentApi.newName("ghost");
        api.get(ghost + "/availability");
        assertEquals("null", redis.get(AVAILABILITY + ghost), "an unknown id is cached as none");
        long ttl = redis.pttl(AVAILABILITY + ghost);
        assertTrue(ttl > 0 && ttl <= 5000, "negative TTL 5 s, got " + ttl + " ms");
    }

    @Test
    void firstLookupQueriesRepeatsDoNot() {
        String name = AgentApi.newName("count");
        api.register(name, "developer", "online", 1, "kotlin");

        long before = api.dbQueries();
        assertTrue(api.get(name + "/availability").object().getBoolean("available"));
        long afterFirst = api.dbQueries();
        assertEquals(1, afterFirst - before, "first lookup: one query");
        for (int i = 0; i < 5; i++) {
            api.get(name + "/availability");
        }
        assertEquals(afterFirst, api.dbQueries(), "repeats within the TTL: none");

        String ghost = AgentApi.newName("ghost");
        api.get(ghost + "/load");
        long afterGhost = api.dbQueries();
        for (int i = 0; i < 5; i++) {
            assertEquals(404, api.get(ghost + "/load").status());
        }
        assertEquals(afterGhost, api.dbQueries(), "a flood of lookups of a missing id reaches the database once");

        JsonObject stats = api.get("cache/stats").object();
        assertTrue(stats.getJsonNumber("hits").longValue() >= 10, stats.toString());
        assertTrue(stats.getBoolean("redis_connected"));
        assertTrue(stats.getJsonObject("caches").containsKey("agent:availability"), stats.toString());
    }

    @Test
    void registrationReplacesACachedNone(Jedis redis) {
        String name = AgentApi.newName("late");
        assertFalse(api.get(name + "/availability").object().getBoolean("available"));
        assertEquals(404, api.get(name + "/load").status());
        assertEquals("null", redis.get(AVAILABILITY + name));

        api.register(name, "developer", "online", 1, "scala");

        assertNull(redis.get(AVAILABILITY + name));
        assertTrue(api.get(name + "/availability").object().getBoolean("available"));
        assertEquals(200, api.get(name + "/load").status());
    }

    @Test
    void statusChangeInvalidatesAvailabilityLoadAndTheCapabilityLists(Jedis redis) {
        String name = AgentApi.newName("status");
        String cap = AgentApi.newName("cap");
        api.register(name, "developer", "online", 1, cap);
        warm(name, cap);

        assertEquals(200, api.put(name + "/status", "{\"status\":\"maintenance\"}").status());

        assertNull(redis.get(AVAILABILITY + name));
        assertNull(redis.get(LOAD + name));
        assertNull(redis.get(BY_CAPABILITY + cap), "it left the list of its capability");
        assertNotNull(redis.get(CAPABILITIES + name), "its capabilities did not change");
        assertFalse(api.get(name + "/availability").object().getBoolean("available"));
        assertEquals(List.of(), strings(api.get("available?capability=" + cap)));
        assertEquals("maintenance", api.get(name + "/load").object().getString("status"));
    }

    @Test
    void capabilityChangeInvalidatesTheOldAndTheNewList(Jedis redis) {
        String name = AgentApi.newName("caps");
        String oldCap = AgentApi.newName("old");
        String newCap = AgentApi.newName("new");
        String other = AgentApi.newName("other");
        api.register(name, "developer", "online", 1, oldCap);
        api.register(other, "developer", "online", 1, newCap);
        warm(name, oldCap, newCap);
        assertEquals(List.of(other), strings(api.get("available?capability=" + newCap)));

        assertEquals(200, api.put(name, "{\"capabilities\":[\"" + newCap + "\"]}").status());

        assertNull(redis.get(CAPABILITIES + name));
        assertNull(redis.get(BY_CAPABILITY + oldCap));
        assertNull(redis.get(BY_CAPABILITY + newCap));
        assertNotNull(redis.get(AVAILABILITY + name), "availability did not change");
        assertEquals(List.of(newCap), strings(api.get(name + "/capabilities")));
        assertEquals(List.of(), strings(api.get("available?capability=" + oldCap)));
        assertEquals(List.of(name, other).stream().sorted().toList(),
                strings(api.get("available?capability=" + newCap)));
    }

    @Test
    void heartbeatsTaskCountsAndDeactivationInvalidate(Jedis redis) {
        String name = AgentApi.newName("load");
        String cap = AgentApi.newName("cap");
        api.register(name, "developer", "online", 2, cap);

        warm(name, cap);
        api.post(name + "/heartbeat", "{\"response_time_ms\":9}");
        assertNull(redis.get(LOAD + name), "a heartbeat changes the load");
        assertNotNull(redis.get(AVAILABILITY + name), "but not the availability");
        assertEquals(9.0, api.get(name + "/load").object().getJsonNumber("response_time_ms").doubleValue());

        warm(name, cap);
        api.post(name + "/tasks", "{\"delta\":2}");
        assertNull(redis.get(AVAILABILITY + name), "2 of 2 tasks: no longer available");
        assertNull(redis.get(BY_CAPABILITY + cap));
        assertFalse(api.get(name + "/availability").object().getBoolean("available"));
        assertEquals(0, api.get(name + "/load").object().getInt("available_slots"));

        api.post(name + "/heartbeat", "{\"current_tasks\":0}");
        assertTrue(api.get(name + "/availability").object().getBoolean("available"));
        assertEquals(List.of(name), strings(api.get("available?capability=" + cap)));

        api.post(name + "/deactivate", null);
        assertFalse(api.get(name + "/availability").object().getBoolean("available"));
        assertEquals(List.of(), strings(api.get("available?capability=" + cap)));
    }

    @Test
    void deletionLeavesNothingStale(Jedis redis) {
        String name = AgentApi.newName("gone");
        String cap = AgentApi.newName("cap");
        api.register(name, "developer", "online", 1, cap);
        warm(name, cap);

        assertEquals(204, api.delete(name).status());

        assertNull(redis.get(AVAILABILITY + name));
        assertNull(redis.get(CAPABILITIES + name));
        assertNull(redis.get(LOAD + name));
        assertNull(redis.get(BY_CAPABILITY + cap));
        assertFalse(api.get(name + "/availability").object().getBoolean("available"));
        assertEquals(404, api.get(name + "/load").status());
        assertEquals(List.of(), strings(api.get("available?capability=" + cap)));
    }

    /** A dry run is a real JTA transaction that rolls back: its invalidations are dropped with it. */
    @Test
    void aRolledBackUpdateInvalidatesNothing(Jedis redis) {
        String name = AgentApi.newName("dry");
        String cap = AgentApi.newName("cap");
        api.register(name, "developer", "online", 1, cap);
        warm(name, cap);

        Reply preview = api.put(name + "?dry_run=true", "{\"status\":\"offline\",\"capabilities\":[\"x\"]}");
        assertEquals(200, preview.status(), preview.body());
        assertEquals("offline", preview.object().getString("status"), "the answer shows the would-be agent");

        assertTrue(object(redis.get(AVAILABILITY + name)).getBoolean("available"), "rolled back: nothing invalidated");
        assertEquals(List.of(name), strings(object(redis.get(BY_CAPABILITY + cap)).getJsonArray("agent_ids")));
        assertEquals("online", api.get(name).object().getString("status"), "and nothing changed");
    }

    @Test
    void clearingTheCache(Jedis redis) {
        String name = AgentApi.newName("clear");
        String cap = AgentApi.newName("cap");
        api.register(name, "developer", "online", 1, cap);
        warm(name, cap);

        assertEquals(3, api.delete(name + "/cache").object().getInt("cleared"));
        assertNull(redis.get(AVAILABILITY + name));
        assertNotNull(redis.get(BY_CAPABILITY + cap), "the agent's own entries only");
        assertEquals(0, api.delete(name + "/cache").object().getInt("cleared"));

        warm(name, cap);
        assertTrue(api.delete("cache").object().getInt("cleared") >= 4);
        assertNull(redis.get(BY_CAPABILITY + cap));
        assertNull(redis.get(LOAD + name));
    }

    @Test
    void answersFromTheDatabaseWhileRedisIsDown() {
        String name = AgentApi.newName("down");
        String cap = AgentApi.newName("cap");
        api.register(name, "developer", "online", 3, cap);
        warm(name, cap);

        ItEnvironment.stopRedis();

        assertTrue(api.get(name + "/availability").object().getBoolean("available"));
        assertEquals(List.of(cap), strings(api.get(name + "/capabilities")));
        assertEquals(3, api.get(name + "/load").object().getInt("available_slots"));
        assertEquals(List.of(name), strings(api.get("available?capability=" + cap)));
        assertEquals(name, api.get("least-busy?capability=" + cap).object().getString("agent_id"));
        long before = api.dbQueries();
        api.get(name + "/availability");
        assertEquals(before + 1, api.dbQueries(), "every lookup goes to the database");

        // Writes are admin calls: their token cannot be checked against the revocation list while Redis is down,
        // so they are refused before touching the database (fail closed, docs/security.md).
        AgentApi.Reply refused = api.put(name + "/status", "{\"status\":\"offline\"}");
        assertEquals(503, refused.status(), "authenticated writes fail closed");
        assertTrue(refused.error().contains("revocation"), refused.body());
        assertTrue(api.get(name + "/availability").object().getBoolean("available"), "the row is unchanged");
        assertFalse(api.get("cache/stats").object().getBoolean("redis_connected"));
        assertEquals("degraded", api.get("health").object().getString("status"));

        ItEnvironment.startRedis();
        // Redis restarted empty: the admin's session went with its data, so the admin logs in again.
        api.logInAgain();
        assertEquals(200, api.put(name + "/status", "{\"status\":\"offline\"}").status(), "writes work again");
        assertFalse(api.get(name + "/availability").object().getBoolean("available"));
        assertEquals(List.of(), strings(api.get("available?capability=" + cap)));
        // The Redis restarted empty; once the pool reconnects, lookups are cached again.
        assertTrue(ItEnvironment.eventually(Duration.ofSeconds(15), () -> {
            api.get(name + "/availability");
            try (Jedis fresh = ItEnvironment.redis()) {
                String entry = fresh.get(AVAILABILITY + name);
                return entry != null && !object(entry).getBoolean("available");
            }
        }), "caching resumes after Redis is back");
    }

    /** Caches every entry about the agent and the given capability lists. */
    private static void warm(String name, String... capabilities) {
        api.get(name + "/availability");
        api.get(name + "/capabilities");
        api.get(name + "/load");
        for (String capability : capabilities) {
            api.get("available?capability=" + capability);
        }
    }

    private static List<String> strings(Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        return reply.array().stream().map(v -> ((JsonString) v).getString()).toList();
    }

    private static List<String> strings(JsonArray array) {
        return array.stream().map(v -> ((JsonString) v).getString()).toList();
    }

    /** A raw entry as JSON. */
    private static JsonObject object(String stored) {
        assertNotNull(stored, "no entry");
        return ItJson.object(stored);
    }
}
