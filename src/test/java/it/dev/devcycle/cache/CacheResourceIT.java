package it.dev.devcycle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import it.dev.devcycle.ItAuth;
import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItEnvironment;
import it.dev.devcycle.ItRedis;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import redis.clients.jedis.Jedis;

/** The default cache over HTTP on the started Liberty, with the raw keys checked in the build's Redis. */
@ExtendWith(ItRedis.class)
class CacheResourceIT {

    private static final String PREFIX = "devcycle:cache:";

    @RegisterExtension
    static final ItClient http = new ItClient();
    private static String adminToken;

    @BeforeEach
    void logIn() {
        ItEnvironment.startRedis();
        adminToken = http.adminToken();
    }

    @AfterEach
    void cleanUp() {
        ItEnvironment.startRedis();
        try (Jedis r = ItEnvironment.redis()) {
            r.flushAll();
        }
    }

    private static WebTarget entries(String key) {
        return http.target("api/cache/entries").path(key);
    }

    /** Requests that change the cache need the admin group. */
    private static Invocation.Builder write(WebTarget target) {
        return ItAuth.as(adminToken, target.request(MediaType.APPLICATION_JSON));
    }

    private static Response put(String key, String json, String ttl) {
        WebTarget target = entries(key);
        if (ttl != null) {
            target = target.queryParam("ttl", ttl);
        }
        return write(target).put(Entity.entity(json, MediaType.APPLICATION_JSON));
    }

    @Test
    void jsonRoundTripWithTtlAndRawKey(Jedis redis) {
        try (Response r = put("user:123", "{\"name\": \"John\", \"email\": \"john@example.com\"}", "300")) {
            assertEquals(204, r.getStatus());
        }
        String stored = redis.get(PREFIX + "user:123");
        assertEquals("{\"name\":\"John\",\"email\":\"john@example.com\"}", stored);
        long ttl = redis.ttl(PREFIX + "user:123");
        assertTrue(ttl > 290 && ttl <= 300, "ttl " + ttl);

        try (Response r = entries("user:123").request().get()) {
            assertEquals(200, r.getStatus());
            JsonObject user = r.readEntity(JsonObject.class);
            assertEquals("John", user.getString("name"));
        }
        try (Response r = entries("user:123").path("ttl").request().get()) {
            long apiTtl = r.readEntity(JsonObject.class).getJsonNumber("ttl").longValue();
            assertTrue(apiTtl > 290 && apiTtl <= 300, "ttl " + apiTtl);
        }
        try (Response r = write(entries("user:123")).delete()) {
            assertEquals(204, r.getStatus());
        }
        assertFalse(redis.exists(PREFIX + "user:123"));
        try (Response r = entries("user:123").request().get()) {
            assertEquals(404, r.getStatus());
            assertTrue(r.readEntity(JsonObject.class).containsKey("error"));
        }
        try (Response r = write(entries("user:123")).delete()) {
            assertEquals(404, r.getStatus());
        }
    }

    @Test
    void jsonStringIsStoredRawAndNoTtlMeansNoExpiry(Jedis redis) {
        try (Response r = put("greeting", "\"hello world\"", null)) {
            assertEquals(204, r.getStatus());
        }
        assertEquals("hello world", redis.get(PREFIX + "greeting"));
        assertEquals(-1, redis.ttl(PREFIX + "greeting"));
        try (Response r = entries("greeting").request().get()) {
            assertEquals("\"hello world\"", r.readEntity(String.class));
        }
        try (Response r = entries("absent").path("ttl").request().get()) {
            assertEquals(-2, r.readEntity(JsonObject.class).getInt("ttl"));
        }
    }

    @Test
    void valuesWrittenByOtherServicesReadAsJson(Jedis redis) {
        redis.set(PREFIX + "py", "{\"a\": [1, 2]}");
        redis.set(PREFIX + "plain", "not json");
        try (Response r = entries("py").request().get()) {
            assertEquals("{\"a\":[1,2]}", r.readEntity(String.class));
        }
        try (Response r = entries("plain").request().get()) {
            assertEquals("\"not json\"", r.readEntity(String.class));
        }
    }

    @Test
    void clearByPatternStaysInTheNamespace(Jedis redis) {
        for (String k : new String[] {"user:1", "user:2", "order:1"}) {
            try (Response r = put(k, "1", null)) {
                assertEquals(204, r.getStatus());
            }
        }
        redis.set("user:1", "outside");
        try (Response r = write(http.target("api/cache/entries").queryParam("pattern", "user:*")).delete()) {
            assertEquals(200, r.getStatus());
            assertEquals(2, r.readEntity(JsonObject.class).getInt("deleted"));
        }
        assertTrue(redis.exists(PREFIX + "order:1"));
        assertEquals("outside", redis.get("user:1"));
    }

    @Test
    void statsHaveThePythonServicesFields() {
        put("s", "1", null).close();
        try (Response r = http.request("api/cache/stats").get()) {
            JsonObject stats = r.readEntity(JsonObject.class);
            assertEquals(200, r.getStatus());
            assertTrue(stats.getBoolean("redis_connected"));
            assertEquals(1, stats.getInt("total_keys"));
            for (String field : new String[] {"redis_version", "used_memory", "connected_clients", "hits", "misses",
                    "errors", "hit_ratio"}) {
                assertTrue(stats.containsKey(field), field + " missing from " + stats);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "abc", "1.5", "999999999999"})
    void badTtlIs400AndWritesNothing(String ttl, Jedis redis) {
        assertBadRequest(put("k", "1", ttl), "ttl");
        assertFalse(redis.exists(PREFIX + "k"));
    }

    @Test
    void malformedJsonIs400AndWritesNothing(Jedis redis) {
        assertBadRequest(put("k", "{\"a\": ", "10"), "JSON");
        assertBadRequest(put("k", "", "10"), "JSON");
        assertFalse(redis.exists(PREFIX + "k"));
    }

    @Test
    void overlongKeyIs400(Jedis redis) {
        String key = "k".repeat(1025);
        assertBadRequest(put(key, "1", null), "key");
        assertBadRequest(entries(key).request().get(), "key");
        assertNull(redis.get(PREFIX + key));
    }

    @Test
    void emptyKeyIs400() {
        assertBadRequest(write(http.target("api/cache/entries/")).put(
                Entity.entity("1", MediaType.APPLICATION_JSON)), "key");
    }

    @Test
    void valueOverTheLimitIs413(Jedis redis) {
        String big = "\"" + "x".repeat(70_000) + "\"";
        try (Response r = put("big", big, null)) {
            assertEquals(413, r.getStatus());
            assertTrue(r.readEntity(JsonObject.class).getString("error").contains("limit"));
        }
        assertFalse(redis.exists(PREFIX + "big"));
    }

    @Test
    void missingPatternIs400() {
        assertBadRequest(write(http.target("api/cache/entries")).delete(), "pattern");
    }

    @Test
    void redisDownAnswers503NeverA500() {
        ItEnvironment.stopRedis();
        try (Response r = entries("k").request().get()) {
            assertEquals(503, r.getStatus());
            assertTrue(r.readEntity(JsonObject.class).getString("error").contains("Redis"));
        }
        try (Response r = put("k", "1", "10")) {
            assertEquals(503, r.getStatus());
        }
        try (Response r = write(entries("k")).delete()) {
            assertEquals(503, r.getStatus());
        }
        try (Response r = entries("k").path("ttl").request().get()) {
            assertEquals(503, r.getStatus());
        }
        try (Response r = http.request("api/cache/stats").get()) {
            assertEquals(200, r.getStatus(), "stats report the outage in their body");
            assertFalse(r.readEntity(JsonObject.class).getBoolean("redis_connected"));
        }
    }

    private static void assertBadRequest(Response response, String mentions) {
        try (response) {
            assertEquals(400, response.getStatus());
            String error = response.readEntity(JsonObject.class).getString("error");
            assertTrue(error.toLowerCase().contains(mentions.toLowerCase()), "'" + error + "' names " + mentions);
        }
    }
}
