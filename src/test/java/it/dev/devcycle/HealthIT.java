package it.dev.devcycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;

class HealthIT {

    private static Client client;

    @BeforeAll
    static void setUp() {
        client = ItEnvironment.client();
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    @AfterEach
    void redisBackUp() {
        ItEnvironment.startRedis();
    }

    @Test
    void readinessReportsRedisUpWithData() {
        JsonObject redis = check("health/ready", "redis");
        assertEquals("UP", redis.getString("status"), "redis readiness: " + redis);
        JsonObject data = redis.getJsonObject("data");
        assertEquals("127.0.0.1", data.getString("host"));
        assertEquals(ItEnvironment.redisPort(), data.getJsonNumber("port").intValue());
        assertTrue(data.getString("redis_version").startsWith("7."), "version: " + data);
        assertNotNull(data.get("ping_ms"), "ping_ms missing: " + data);
    }

    @Test
    void startupAndLivenessAreUp() {
        assertEquals("UP", check("health/started", "redis-client").getString("status"));
        try (Response r = ItEnvironment.target(client, "health/live").request().get()) {
            assertEquals(200, r.getStatus());
        }
    }

    @Test
    void redisDownMakesReadinessDownButNotLivenessAndRecovers() {
        ItEnvironment.stopRedis();

        try (Response r = ItEnvironment.target(client, "health/ready").request().get()) {
            assertEquals(503, r.getStatus(), "readiness must be DOWN without Redis");
            JsonObject redis = find(r.readEntity(JsonObject.class), "redis");
            assertEquals("DOWN", redis.getString("status"));
            assertTrue(redis.getJsonObject("data").containsKey("error"), "DOWN carries the error: " + redis);
        }
        try (Response r = ItEnvironment.target(client, "health/live").request().get()) {
            assertEquals(200, r.getStatus(), "liveness must not depend on Redis");
        }

        ItEnvironment.startRedis();
        assertTrue(ItEnvironment.eventually(Duration.ofSeconds(15), () -> {
            try (Response r = ItEnvironment.target(client, "health/ready").request().get()) {
                return r.getStatus() == 200;
            }
        }), "readiness must be UP again after Redis restarts");
    }

    private JsonObject check(String path, String name) {
        try (Response r = ItEnvironment.target(client, path).request().get()) {
            return find(r.readEntity(JsonObject.class), name);
        }
    }

    private static JsonObject find(JsonObject health, String name) {
        for (JsonValue v : health.getJsonArray("checks")) {
            JsonObject check = v.asJsonObject();
            if (check.getString("name").equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check named " + name + " in " + health);
    }
}
