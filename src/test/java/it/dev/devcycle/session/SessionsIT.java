package it.dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.ItAuth;
import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItEnvironment;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import redis.clients.jedis.Jedis;

class SessionsIT {

    @RegisterExtension
    static final ItClient http = new ItClient();

    @Test
    void logoutEverywhereRevokesAllThreeSessions() {
        List<ItAuth.Login> logins = List.of(http.userLogin(), http.userLogin(), http.userLogin());

        JsonArray sessions = sessions(logins.get(1).token());
        for (ItAuth.Login login : logins) {
            JsonObject listed = find(sessions, login.sessionId());
            assertEquals(login.expiresAt(), listed.getString("expires_at"));
            assertEquals(login == logins.get(1), listed.getBoolean("current"), "current flag of " + listed);
            assertFalse(listed.containsKey("token_hash"), "the listing shows no token material");
        }

        try (Response r = http.as(logins.get(0).token(), "api/auth/sessions").delete()) {
            assertEquals(200, r.getStatus());
            assertTrue(r.readEntity(JsonObject.class).getInt("revoked_sessions") >= 3);
        }

        try (Jedis redis = ItEnvironment.redis()) {
            for (ItAuth.Login login : logins) {
                assertEquals(401, http.status(login.token(), "api/auth/sessions"), "revoked: " + login.sessionId());
                assertTrue(redis.exists(ItAuth.blacklistKey(login.token())), "blacklisted: " + login.sessionId());
                assertFalse(redis.exists("session_info:" + login.sessionId()));
            }
            assertFalse(redis.exists("user_sessions:" + ItAuth.plainUser()), "no session left for the user");
        }
    }

    @Test
    void revokingOneOwnSessionLeavesTheOthers() {
        ItAuth.Login first = http.userLogin();
        ItAuth.Login second = http.userLogin();

        try (Response r = http.as(first.token(), "api/auth/sessions/" + second.sessionId()).delete()) {
            assertEquals(204, r.getStatus());
        }

        assertEquals(401, http.status(second.token(), "api/auth/sessions"));
        assertEquals(200, http.status(first.token(), "api/auth/sessions"));
        try (Jedis redis = ItEnvironment.redis()) {
            assertTrue(redis.exists(ItAuth.blacklistKey(second.token())));
            assertFalse(redis.sismember("user_sessions:" + ItAuth.plainUser(), second.sessionId()));
        }
    }

    @Test
    void nobodyRevokesAnotherUsersSession() {
        ItAuth.Login admin = http.login(ItAuth.adminUser(), ItAuth.adminPassword());
        ItAuth.Login user = http.userLogin();

        for (String id : List.of(admin.sessionId(), "0".repeat(48), "not-an-id")) {
            try (Response r = http.as(user.token(), "api/auth/sessions/" + id).delete()) {
                assertEquals(404, r.getStatus(), "revoking " + id);
                assertEquals("no such session", r.readEntity(JsonObject.class).getString("error"));
            }
        }

        assertEquals(200, http.status(admin.token(), "api/auth/sessions"), "the admin's token still works");
        try (Jedis redis = ItEnvironment.redis()) {
            assertTrue(redis.exists("session_info:" + admin.sessionId()));
            assertFalse(redis.exists(ItAuth.blacklistKey(admin.token())));
        }
        assertTrue(sessions(user.token()).stream()
                .noneMatch(v -> v.asJsonObject().getString("session_id").equals(admin.sessionId())),
                "a user never sees another user's sessions");
    }

    @Test
    void listingPrunesDanglingSessionIds() {
        ItAuth.Login user = http.userLogin();
        String dangling = UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef";
        try (Jedis redis = ItEnvironment.redis()) {
            redis.sadd("user_sessions:" + ItAuth.plainUser(), dangling);
        }

        JsonArray sessions = sessions(user.token());

        assertTrue(sessions.stream().noneMatch(v -> v.asJsonObject().getString("session_id").equals(dangling)));
        try (Jedis redis = ItEnvironment.redis()) {
            assertFalse(redis.sismember("user_sessions:" + ItAuth.plainUser(), dangling), "pruned on read");
            assertTrue(redis.sismember("user_sessions:" + ItAuth.plainUser(), user.sessionId()));
        }
    }

    @Test
    void statsCountWithScanForAdminsOnly() {
        ItAuth.Login user = http.userLogin();
        String admin = http.adminToken();

        try (Response r = http.as(admin, "api/auth/stats").get()) {
            assertEquals(200, r.getStatus());
            JsonObject stats = r.readEntity(JsonObject.class);
            assertTrue(stats.getJsonNumber("total_active_sessions").longValue() >= 2, "stats " + stats);
            assertTrue(stats.getJsonNumber("total_users_with_sessions").longValue() >= 2, "stats " + stats);
            assertTrue(stats.getJsonNumber("total_blacklisted_tokens").longValue() >= 0, "stats " + stats);
        }
        assertEquals(403, http.status(user.token(), "api/auth/stats"));
        try (Response r = http.request("api/auth/stats").get()) {
            assertEquals(401, r.getStatus());
        }
    }

    private JsonArray sessions(String token) {
        try (Response r = http.as(token, "api/auth/sessions").get()) {
            assertEquals(200, r.getStatus());
            return r.readEntity(JsonArray.class);
        }
    }

    private static JsonObject find(JsonArray sessions, String id) {
        for (JsonValue v : sessions) {
            if (v.asJsonObject().getString("session_id").equals(id)) {
                return v.asJsonObject();
            }
        }
        throw new AssertionError("session " + id + " not listed in " + sessions);
    }
}
