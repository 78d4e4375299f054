package it.dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.ItAuth;
import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItEnvironment;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

class LoginLogoutIT {

    @RegisterExtension
    static final ItClient http = new ItClient();

    @Test
    void loginProtectedCallLogoutThenTheTokenIsRevoked() {
        ItAuth.Login login = http.login(ItAuth.adminUser(), ItAuth.adminPassword());
        String key = "it-session-" + UUID.randomUUID();

        try (Response r = http.as(login.token(), "api/cache/entries/" + key).put(Entity.json("\"v\""))) {
            assertEquals(204, r.getStatus(), "an admin may write: " + r.readEntity(String.class));
        }

        try (Jedis redis = ItEnvironment.redis()) {
            Map<String, String> info = redis.hgetAll("session_info:" + login.sessionId());
            assertEquals(ItAuth.adminUser(), info.get("user_id"), "session hash: " + info);
            // Times as the Python session monitor writes them: datetime.isoformat() of an aware UTC datetime.
            assertEquals(Instant.parse(login.expiresAt()), OffsetDateTime.parse(info.get("expires_at")).toInstant());
            assertTrue(info.get("expires_at").endsWith("+00:00"), info.get("expires_at"));
            assertTrue(info.get("created_at").endsWith("+00:00"), info.get("created_at"));
            assertEquals("127.0.0.1", info.get("ip_address"));
            assertNotNull(info.get("user_agent"));
            assertEquals(ItAuth.blacklistKey(login.token()).substring("jwt_blacklist:".length()),
                    info.get("token_hash"));
            assertTtlNear(900, redis.ttl("session_info:" + login.sessionId()), "session hash TTL");
            assertTrue(redis.sismember("user_sessions:" + ItAuth.adminUser(), login.sessionId()));
            long setTtl = redis.ttl("user_sessions:" + ItAuth.adminUser());
            assertTrue(setTtl > 0 && setTtl <= 900, "user set TTL " + setTtl);
        }

        try (Response r = http.as(login.token(), "api/auth/logout").post(Entity.text(""))) {
            assertEquals(204, r.getStatus());
        }

        try (Response r = http.as(login.token(), "api/cache/entries/" + key).put(Entity.json("\"w\""))) {
            assertEquals(401, r.getStatus(), "a logged-out token is refused");
            assertEquals("token has been revoked", r.readEntity(JsonObject.class).getString("error"));
        }
        try (Response r = http.as(login.token(), "api/auth/sessions").get()) {
            assertEquals(401, r.getStatus());
        }

        try (Jedis redis = ItEnvironment.redis()) {
            String blacklisted = ItAuth.blacklistKey(login.token());
            assertEquals(login.expiresAt(), redis.get(blacklisted), "the blacklist entry holds the expiry");
            long remaining = Instant.parse(login.expiresAt()).getEpochSecond() - Instant.now().getEpochSecond();
            long ttl = redis.ttl(blacklisted);
            assertTrue(ttl >= remaining - 3 && ttl <= remaining + skew() + 1,
                    "blacklist TTL " + ttl + " vs remaining token life " + remaining);
            assertFalse(redis.exists("session_info:" + login.sessionId()), "session hash removed on logout");
            assertFalse(redis.sismember("user_sessions:" + ItAuth.adminUser(), login.sessionId()),
                    "session id removed from the user's set on logout");
        }
    }

    @Test
    void theTokenCarriesTheMicroProfileClaims() {
        ItAuth.Login login = http.login(ItAuth.adminUser(), ItAuth.adminPassword());
        JwtParts jwt = JwtParts.of(login.token());

        assertEquals("RS256", jwt.header().getString("alg"));
        JsonObject claims = jwt.payload();
        assertEquals(ItAuth.adminUser(), claims.getString("upn"));
        // No jti: Liberty's JWT consumer would accept each jti once only; sid names the session.
        assertFalse(claims.containsKey("jti"), "jti: " + claims);
        assertEquals(login.sessionId(), claims.getString("sid"));
        assertEquals(Set.of("admin", "user"), strings(claims.getJsonArray("groups")));
        long exp = claims.getJsonNumber("exp").longValue();
        assertEquals(Instant.parse(login.expiresAt()).getEpochSecond(), exp);
        long lifetime = exp - claims.getJsonNumber("iat").longValue();
        // iat is the builder's own clock reading, up to a second after the login's.
        assertTrue(lifetime == 900 || lifetime == 899, "default lifetime is 15 minutes: " + lifetime);
        assertTrue(login.sessionId().length() >= 32, "at least 128 random bits: " + login.sessionId());

        JwtParts user = JwtParts.of(http.userToken());
        assertEquals(Set.of("user"), strings(user.payload().getJsonArray("groups")));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String wrongPassword;
        String unknownUser;
        try (Response r = http.loginResponse(ItAuth.adminUser(), "not-the-password", null)) {
            assertEquals(401, r.getStatus());
            wrongPassword = r.readEntity(String.class);
        }
        try (Response r = http.loginResponse("nobody-" + UUID.randomUUID(), ItAuth.adminPassword(), null)) {
            assertEquals(401, r.getStatus());
            unknownUser = r.readEntity(String.class);
        }
        assertEquals("{\"error\":\"invalid username or password\"}", wrongPassword);
        assertEquals(wrongPassword, unknownUser, "no hint which part was wrong");
    }

    @Test
    void malformedLoginsAreBadRequests() {
        for (String body : List.of("{}", "{\"username\":\"a\"}", "{\"username\":1,\"password\":\"x\"}", "[]",
                "not json")) {
            try (Response r = http.request("api/auth/login").post(Entity.json(body))) {
                assertEquals(400, r.getStatus(), "body " + body);
                assertNotNull(r.readEntity(JsonObject.class).getString("error"));
            }
        }
        try (Response r = http.loginResponse(ItAuth.adminUser(), ItAuth.adminPassword(), 901)) {
            assertEquals(400, r.getStatus(), "expires_in may only shorten the lifetime");
        }
    }

    @Test
    void noTokenTextIsStoredInRedisOrLogged() throws IOException {
        ItAuth.Login login = http.userLogin();
        try (Response r = http.as(login.token(), "api/auth/logout").post(Entity.text(""))) {
            assertEquals(204, r.getStatus());
        }
        String signature = JwtParts.of(login.token()).signature();
        // Refused by this application's filter (revoked): that path must not log it either.
        try (Response r = http.as(login.token(), "api/auth/sessions").get()) {
            assertEquals(401, r.getStatus());
        }

        try (Jedis redis = ItEnvironment.redis()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, new ScanParams().count(500));
                for (String key : page.getResult()) {
                    assertFalse(key.contains(signature), "token in key " + key);
                    String type = redis.type(key);
                    String content = switch (type) {
                        case "string" -> redis.get(key);
                        case "hash" -> redis.hgetAll(key).toString();
                        case "set" -> redis.smembers(key).toString();
                        default -> "";
                    };
                    assertFalse(content.contains(signature), "token in the value of " + key);
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }

        // A valid token sent the ways clients and proxies get wrong: folded with another (two Authorization headers
        // joined by a proxy), twice, re-encoded, behind garbage. Each is refused without its text reaching a parser
        // that would log it.
        String live = http.adminToken();
        List<List<String>> mangled = new java.util.ArrayList<>();
        mangled.add(List.of("Authorization: Bearer " + live + ", Bearer " + live));
        mangled.add(List.of("Authorization: Bearer garbage, Bearer " + live));
        mangled.add(List.of("Authorization: Bearer " + live + ",Bearer " + live));
        mangled.add(List.of("Authorization: Bearer " + live, "Authorization: Bearer " + live));
        mangled.add(List.of("Authorization: Bearer " + live + " Bearer x"));
        mangled.add(List.of("Authorization: Basic " + live));
        RevocationIT.variants(live).values().forEach(v -> mangled.add(List.of("Authorization: Bearer " + v)));
        for (List<String> headers : mangled) {
            it.dev.devcycle.RawHttp.Answer a = it.dev.devcycle.RawHttp.send("127.0.0.1", "GET", "/api/cache/stats",
                    headers, null);
            assertEquals(401, a.status(), "refused, not anonymous: " + headers.size() + " header(s)");
            assertTrue(a.body().startsWith("{\"error\""), "a JSON error: " + a.body());
        }
        String liveSignature = JwtParts.of(live).signature();

        // Every log of the server, FFDC incidents included.
        Path logs = Path.of(System.getProperty("it.server.logs"));
        try (var files = Files.walk(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(signature), "token text in " + log);
                assertFalse(text.contains(liveSignature), "a live token's signature in " + log);
            }
        }
    }

    static long skew() {
        return Long.parseLong(System.getProperty("it.auth.clock.skew", "0"));
    }

    private static Set<String> strings(JsonArray array) {
        return Set.copyOf(array.getValuesAs(JsonValue.class).stream().map(v -> ((JsonString) v).getString()).toList());
    }

    private static void assertTtlNear(long expected, long actual, String what) {
        assertTrue(actual <= expected && actual >= expected - 5, what + " " + actual + " not close to " + expected);
    }
}
