package it.dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.ItAuth;
import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItEnvironment;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;

/** Without Redis the blacklist cannot be checked: authenticated requests fail closed, anonymous reads go on. */
class RedisDownIT {

    @RegisterExtension
    static final ItClient http = new ItClient();

    @AfterEach
    void redisBackUp() {
        ItEnvironment.startRedis();
    }

    @Test
    void authenticatedCallsGet503AnonymousReadsStillWork() {
        String admin = http.adminToken();
        String user = http.userToken();
        ItEnvironment.stopRedis();

        for (String token : List.of(admin, user)) {
            for (String path : List.of("api/cache/stats", "api/auth/sessions")) {
                try (Response r = http.as(token, path).get()) {
                    assertEquals(503, r.getStatus(), path);
                    assertEquals("token revocation list is unavailable",
                            r.readEntity(JsonObject.class).getString("error"));
                }
            }
        }
        try (Response r = http.as(admin, "api/cache/entries/it-down").put(Entity.json("\"v\""))) {
            assertEquals(503, r.getStatus(), "fail closed also for writes");
        }

        try (Response r = http.request("api/cache/stats").get()) {
            assertEquals(200, r.getStatus(), "anonymous stats still answer");
            assertEquals(false, r.readEntity(JsonObject.class).getBoolean("redis_connected"));
        }
        try (Response r = http.request("api/cache/entries/it-down").get()) {
            assertTrue(r.getStatus() == 503 || r.getStatus() == 404, "the resource's own answer: " + r.getStatus());
        }
        try (Response r = http.request("health/live").get()) {
            assertEquals(200, r.getStatus());
        }
        try (Response r = http.loginResponse(ItAuth.adminUser(), ItAuth.adminPassword(), null)) {
            assertEquals(503, r.getStatus(), "no login without a place to keep the session");
        }

        ItEnvironment.startRedis();
        // The ITs' Redis keeps no data across a restart: the sessions are gone, so their tokens are too. Losing
        // Redis data logs people out; it never lets a token back in.
        for (String token : List.of(admin, user)) {
            try (Response r = http.as(token, "api/auth/sessions").get()) {
                assertEquals(401, r.getStatus(), "a token whose session was lost with Redis' data");
                assertEquals("session has ended; log in again", r.readEntity(JsonObject.class).getString("error"));
            }
        }
        String again = http.adminToken();
        try (Response r = http.as(again, "api/auth/sessions").get()) {
            assertEquals(200, r.getStatus(), "a new login works once Redis is back");
        }
    }
}
