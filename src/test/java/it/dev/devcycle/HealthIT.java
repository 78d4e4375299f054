package it.dev.devcycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import redis.clients.jedis.Jedis;

class HealthIT {

    @RegisterExtension
    static final ItClient http = new ItClient();

    @AfterEach
    void redisBackUp() {
        ItEnvironment.startRedis();
    }

    @Test
    void anonymousReadinessShowsTheStatusButNothingAboutWhereRedisIs() {
        try (Response r = http.request("health/ready").get()) {
            assertEquals(200, r.getStatus());
            String text = r.readEntity(String.class);
            for (String secret : List.of("127.0.0.1", String.valueOf(ItEnvironment.redisPort()), "redis_version",
                    "used_memory", "maxmemory", "ping_ms", "host", "port")) {
                assertFalse(text.contains(secret), "anonymous readiness shows " + secret + ": " + text);
            }
        }
        JsonObject redis = check("health/ready", "redis");
        assertEquals("UP", redis.getString("status"), "redis readiness: " + redis);
        assertEquals(Set.of("mode", "circuit"), redis.getJsonObject("data").keySet(), "public data: " + redis);
        assertEquals("UP", check("health/ready", "session-store").getString("status"));
    }

    @Test
    void administratorsGetEveryDetailOthersDoNot() {
        String admin = http.adminToken();
        JsonObject redis;
        try (Response r = http.as(admin, "api/health").get()) {
            assertEquals(200, r.getStatus());
            JsonObject body = r.readEntity(JsonObject.class);
            redis = find(body, "redis");
            assertEquals("noeviction", find(body, "session-store").getJsonObject("data")
                    .getString("maxmemory_policy"));
        }
        JsonObject data = redis.getJsonObject("data");
        assertEquals("127.0.0.1", data.getString("host"));
        assertEquals(ItEnvironment.redisPort(), data.getJsonNumber("port").intValue());
        assertTrue(data.getString("redis_version").startsWith("7."), "version: " + data);
        assertNotNull(data.get("ping_ms"), "ping_ms missing: " + data);

        try (Response r = http.as(http.userToken(), "api/health").get()) {
            assertEquals(403, r.getStatus(), "a plain user");
        }
        try (Response r = http.request("api/health").get()) {
            assertEquals(401, r.getStatus(), "anonymous");
        }
    }

    @Test
    void anEvictingPolicyIsWarnedAbout() {
        String admin = http.adminToken();
        try (Jedis redis = ItEnvironment.redis()) {
            redis.configSet("maxmemory", "512mb");
            redis.configSet("maxmemory-policy", "allkeys-lru");
            try (Response r = http.as(admin, "api/health").get()) {
                JsonObject sessions = find(r.readEntity(JsonObject.class), "session-store");
                assertEquals("UP", sessions.getString("status"), "the service works, it warns");
                assertTrue(sessions.getJsonObject("data").getString("warning").contains("allkeys-lru"),
                        sessions.toString());
            }
            redis.configSet("maxmemory-policy", "volatile-ttl");
            try (Response r = http.as(admin, "api/health").get()) {
                JsonObject sessions = find(r.readEntity(JsonObject.class), "session-store");
                assertTrue(sessions.getJsonObject("data").containsKey("warning"),
                        "session keys all have TTLs, so volatile-* evicts them too: " + sessions);
            }
        } finally {
            try (Jedis redis = ItEnvironment.redis()) {
                redis.configSet("maxmemory-policy", "noeviction");
                redis.configSet("maxmemory", "0");
            }
        }
    }

    @Test
    void startupAndLivenessAreUp() {
        assertEquals("UP", check("health/started", "redis-client").getString("status"));
        try (Response r = http.request("health/live").get()) {
            assertEquals(200, r.getStatus());
        }
    }

    @Test
    void redisDownMakesReadinessDownButNotLivenessAndRecovers() {
        ItEnvironment.stopRedis();

        try (Response r = http.request("health/ready").get()) {
            assertEquals(503, r.getStatus(), "readiness must be DOWN without Redis");
            JsonObject redis = find(r.readEntity(JsonObject.class), "redis");
            assertEquals("DOWN", redis.getString("status"));
            assertFalse(redis.getJsonObject("data").containsKey("error"), "no error text for anonymous callers");
        }
        try (Response r = http.request("health/live").get()) {
            assertEquals(200, r.getStatus(), "liveness must not depend on Redis");
        }

        ItEnvironment.startRedis();
        assertTrue(ItEnvironment.eventually(Duration.ofSeconds(15), () -> {
            try (Response r = http.request("health/ready").get()) {
                return r.getStatus() == 200;
            }
        }), "readiness must be UP again after Redis restarts");
    }

    private JsonObject check(String path, String name) {
        try (Response r = http.request(path).get()) {
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
