package it.dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.ItAuth;
import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItEnvironment;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import redis.clients.jedis.Jedis;

/**
 * Revocation that cannot be bypassed, attacked over HTTP on the started server: every other way of writing a token
 * (padding, the standard alphabet, characters a lenient decoder skips, unused bits, a padded or re-encoded header or
 * payload) is refused, live or revoked; logout, revoke-one and revoke-all hold for every text; a token the Python
 * services blacklisted (what their token_blacklist.py writes, run with the machine's python3 and Debian's
 * python3-redis) is refused, and stays refused for as long as this service would accept it otherwise; and all of
 * it holds across a restart of the server.
 */
class RevocationIT {

    private static final Path PYTHON_WRITER = Path.of("src/test/python/blacklist_token.py");

    @RegisterExtension
    static final ItClient http = new ItClient();

    @Test
    void noOtherWritingOfALiveTokenIsAccepted() {
        String token = http.adminToken();
        assertEquals(200, sessionsStatus(token), "the token itself");
        variants(token).forEach((name, text) -> assertEquals(401, sessionsStatus(text), name));
        assertEquals(200, sessionsStatus(token), "the attempts do not end the session");
    }

    @Test
    void afterLogoutNoWritingOfTheTokenWorks() {
        String token = http.adminToken();
        try (Response r = http.as(token, "api/auth/logout").post(Entity.text(""))) {
            assertEquals(204, r.getStatus());
        }
        assertRefusedEverywhere(token, "after logout");
    }

    @Test
    void afterRevokeOneAndRevokeAllNoWritingWorks() {
        ItAuth.Login one = http.userLogin();
        ItAuth.Login other = http.userLogin();
        ItAuth.Login third = http.userLogin();
        try (Response r = http.as(other.token(), "api/auth/sessions/" + one.sessionId()).delete()) {
            assertEquals(204, r.getStatus());
        }
        assertRefusedEverywhere(one.token(), "after revoke-one");
        assertEquals(200, sessionsStatus(other.token()), "the others stay");

        try (Response r = http.as(other.token(), "api/auth/sessions").delete()) {
            assertEquals(200, r.getStatus());
        }
        assertRefusedEverywhere(other.token(), "after revoke-all, the caller's own");
        assertRefusedEverywhere(third.token(), "after revoke-all, another session");
    }

    @Test
    void revocationHoldsWhenItsBlacklistEntryIsLost() {
        String token = http.adminToken();
        try (Response r = http.as(token, "api/auth/logout").post(Entity.text(""))) {
            assertEquals(204, r.getStatus());
        }
        try (Jedis redis = ItEnvironment.redis()) {
            // Evicted, expired early, lost with a replica: revocation never rested on it alone.
            assertEquals(1, redis.del(ItAuth.blacklistKey(token)));
        }
        assertRefusedEverywhere(token, "logged out, blacklist entry gone");
    }

    @Test
    void aTokenThePythonServicesRevokedIsRefusedInEveryWriting() throws Exception {
        ItAuth.Login login = http.login(ItAuth.adminUser(), ItAuth.adminPassword());
        assertEquals(200, sessionsStatus(login.token()));
        List<String> written = pythonBlacklists(login.token(), Instant.parse(login.expiresAt()).getEpochSecond());
        assertEquals("True", written.get(0), "python wrote " + written);
        assertEquals(ItAuth.blacklistKey(login.token()), written.get(1), "the key both sides use");

        try (Response r = http.as(login.token(), "api/auth/sessions").get()) {
            assertEquals(401, r.getStatus());
            assertEquals("token has been revoked", r.readEntity(JsonObject.class).getString("error"));
        }
        assertRefusedEverywhere(login.token(), "revoked by Python");
        try (Jedis redis = ItEnvironment.redis()) {
            redis.del(written.get(1));
        }
        assertRefusedEverywhere(login.token(), "after Python's entry is gone, its session ended here too");
    }

    @Test
    void aTokenRevokedByPythonIsRefusedForAsLongAsThisServiceWouldOtherwiseAcceptIt() throws Exception {
        String token;
        long exp;
        try (Response r = http.loginResponse(ItAuth.adminUser(), ItAuth.adminPassword(), 3)) {
            assertEquals(200, r.getStatus());
            JsonObject body = r.readEntity(JsonObject.class);
            token = body.getString("token");
            exp = Instant.parse(body.getString("expires_at")).getEpochSecond();
        }
        assertEquals(200, sessionsStatus(token));
        // Revoke about half a second into a second, so int(exp - now) drops that half: Python's entry then vanishes
        // about half a second before exp, and the seconds this service's clock skew adds follow.
        long now;
        while (((now = System.currentTimeMillis()) % 1000) < 400 || now % 1000 > 600) {
            Thread.sleep(10);
        }
        List<String> written = pythonBlacklists(token, exp);
        assertEquals("True", written.get(0), "python wrote " + written);

        long acceptedUntilMillis = (exp + skew()) * 1000 + 500;
        int afterPythonForgot = 0;
        List<String> accepted = new ArrayList<>();
        try (Jedis redis = ItEnvironment.redis()) {
            while (System.currentTimeMillis() < acceptedUntilMillis) {
                boolean pythonEntryGone = !redis.exists(written.get(1));
                long at = System.currentTimeMillis();
                int status = sessionsStatus(token);
                if (pythonEntryGone) {
                    afterPythonForgot++;
                }
                if (status != 401) {
                    accepted.add(status + " at exp" + (at - exp * 1000) + " ms, python entry "
                            + (pythonEntryGone ? "gone" : "present"));
                }
                Thread.sleep(40);
            }
        }
        assertEquals(List.of(), accepted, "a token Python revoked was accepted");
        assertTrue(afterPythonForgot >= 3, "the window after Python's entry expired was probed: " + afterPythonForgot);
    }

    @Test
    void revocationsAndSessionsSurviveAServerRestart() throws Exception {
        String loggedOut = http.adminToken();
        String live = http.adminToken();
        ItAuth.Login revoked = http.login(ItAuth.adminUser(), ItAuth.adminPassword());
        try (Response r = http.as(loggedOut, "api/auth/logout").post(Entity.text(""))) {
            assertEquals(204, r.getStatus());
        }
        try (Response r = http.as(live, "api/auth/sessions/" + revoked.sessionId()).delete()) {
            assertEquals(204, r.getStatus());
        }

        restartServer();

        assertRefusedEverywhere(loggedOut, "logged out before the restart");
        assertRefusedEverywhere(revoked.token(), "revoked before the restart");
        assertEquals(200, sessionsStatus(live), "a live session outlives the restart (it is in Redis)");
        variants(live).forEach((name, text) -> assertEquals(401, sessionsStatus(text), "live, " + name));
    }

    /** Stops and starts the ITs' Liberty server with its own script, then waits until the application answers. */
    private static void restartServer() throws Exception {
        Path serverDir = Path.of(System.getProperty("it.server.logs")).getParent();
        Path script = serverDir.getParent().getParent().getParent().resolve("bin/server");
        for (String action : List.of("stop", "start")) {
            Process p = new ProcessBuilder(script.toString(), action, serverDir.getFileName().toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "server " + action + " timed out");
            assertEquals(0, p.exitValue(), "server " + action + ": " + out);
        }
        assertTrue(ItEnvironment.eventually(java.time.Duration.ofSeconds(120), () -> {
            try (Response r = http.request("api/cache/stats").get()) {
                return r.getStatus() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        }), "the application answers again after the restart");
    }

    /** Refused as itself and in every other writing, for reads and for writes. */
    private void assertRefusedEverywhere(String token, String when) {
        assertEquals(401, sessionsStatus(token), when + ": the token itself");
        assertEquals(401, putStatus(token), when + ": the token itself, writing");
        variants(token).forEach((name, text) -> {
            assertEquals(401, sessionsStatus(text), when + ": " + name);
            assertEquals(401, putStatus(text), when + ": " + name + ", writing");
        });
    }

    /** Other texts a lenient base64url decoder reads as the very same header, payload and signature bytes. */
    static Map<String, String> variants(String token) {
        String[] p = token.split("\\.");
        Map<String, String> v = new LinkedHashMap<>();
        v.put("signature padded", p[0] + "." + p[1] + "." + pad(p[2]));
        v.put("signature with '=' appended", token + "=");
        v.put("signature in the standard alphabet", p[0] + "." + p[1] + "." + standard(p[2]));
        v.put("signature in the standard alphabet, padded", p[0] + "." + p[1] + "." + pad(standard(p[2])));
        v.put("signature with an ignored '!'", p[0] + "." + p[1] + "." + p[2].substring(0, 9) + "!"
                + p[2].substring(9));
        v.put("signature with an ignored '*'", p[0] + "." + p[1] + "." + p[2].substring(0, 9) + "*"
                + p[2].substring(9));
        v.put("signature with an inner space", p[0] + "." + p[1] + "." + p[2].substring(0, 9) + " "
                + p[2].substring(9));
        v.put("signature with its unused bits set", p[0] + "." + p[1] + "." + unusedBitsSet(p[2]));
        v.put("payload padded", p[0] + "." + pad(p[1]) + "." + p[2]);
        v.put("payload with its unused bits set", p[0] + "." + unusedBitsSet(p[1]) + "." + p[2]);
        v.put("header in the standard alphabet", standard(p[0]) + "." + p[1] + "." + p[2]);
        v.put("two copies folded into one header", token + ", Bearer " + token);
        v.put("garbage folded before it", "garbage, Bearer " + token);
        v.values().removeIf(text -> text.equals(token));
        return v;
    }

    private static String pad(String part) {
        return part + "=".repeat((4 - part.length() % 4) % 4 == 0 ? 1 : (4 - part.length() % 4) % 4);
    }

    private static String standard(String part) {
        String s = part.replace('-', '+').replace('_', '/');
        // No '-' or '_' to swap: still another text, as '+' decodes to 62 like '-'.
        return s.equals(part) ? part.substring(0, part.length() - 1) + "+" : s;
    }

    private static String unusedBitsSet(String part) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        if (part.length() % 4 == 0) {
            return part + "=";
        }
        int value = alphabet.indexOf(part.charAt(part.length() - 1));
        return part.substring(0, part.length() - 1) + alphabet.charAt(value | 1);
    }

    private static int sessionsStatus(String token) {
        return http.status(token, "api/auth/sessions");
    }

    private int putStatus(String token) {
        try (Response r = http.as(token, "api/cache/entries/it-revoked").put(Entity.json("\"revoked\""))) {
            return r.getStatus();
        }
    }

    /** Runs the Python side's blacklisting of the token (src/test/python/blacklist_token.py); its output lines. */
    static List<String> pythonBlacklists(String token, long exp) throws IOException, InterruptedException {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process p;
        try {
            p = new ProcessBuilder(python, PYTHON_WRITER.toString(), String.valueOf(ItEnvironment.redisPort()),
                    String.valueOf(exp)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("python3 is needed: apt-get install -y python3 python3-redis", e);
        }
        p.getOutputStream().write(token.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (out.contains("No module named 'redis'")) {
            throw new IllegalStateException("Debian's python3-redis is needed: apt-get install -y python3-redis");
        }
        assertEquals(0, p.exitValue(), "python failed: " + out);
        return out.lines().toList();
    }

    static long skew() {
        return Long.parseLong(System.getProperty("it.auth.clock.skew", "0"));
    }
}
