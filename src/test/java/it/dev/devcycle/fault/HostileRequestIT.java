package it.dev.devcycle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.ItAuth;
import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItEnvironment;
import it.dev.devcycle.RawHttp;
import it.dev.devcycle.ItJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import redis.clients.jedis.Jedis;

/**
 * Hostile requests against the started server, each answered cleanly: bodies over their limit refused before they
 * are read (413), unknown charsets and malformed content types (415/400), trailing content after a JSON body,
 * booleans other than true/false, user names that could forge log lines, paths the container refuses; JSON error
 * bodies without class names, stack traces or addresses; browser protections on the dashboard, no credentialed CORS.
 */
class HostileRequestIT {

    /** Nothing of the server's insides in any answer: class names, stack frames, SQL, addresses. */
    private static final Pattern LEAK = Pattern.compile(
            "(?i)exception|\\bat [a-z]+\\.[a-z]|java\\.|jakarta\\.|com\\.ibm|org\\.(eclipse|jboss|h2)|redis\\.clients|"
                    + "\\bselect\\b|\\binsert into\\b|127\\.0\\.0\\.1|stack");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final ItClient http = new ItClient();
    private static String admin;

    @BeforeAll
    static void setUp() {
        admin = http.adminToken();
    }

    // ---- 4: bodies over their limit, before they are read ----

    @Test
    void bodiesOverTheirLimitAre413WithoutBeingRead() throws Exception {
        byte[] loginSized = json(9 * 1024);
        assertError(413, send(null, "POST", "api/auth/login", loginSized, null), "login over 8 KiB (anonymous)");
        assertError(413, send(admin, "POST", "api/agents", json(65 * 1024), null), "an agent over 64 KiB");
        // The ITs' server stores values up to 64 KiB: bodies up to twice that plus 1 KiB are read and parsed.
        assertError(413, send(admin, "PUT", "api/cache/entries/it-big", json(140 * 1024), null), "cache entry");
        assertError(413, send(admin, "PUT", "api/cache/entries/it-big", json(70 * 1024), null), "value over 64 KiB");
        assertEquals(204, send(admin, "PUT", "api/cache/entries/it-big", json(60 * 1024), null).statusCode());

        // 100 MB announced, anonymous, of which 1 KiB is sent: answered at once by its Content-Length, so the
        // server never waits for (let alone holds) the rest.
        long started = System.nanoTime();
        RawHttp.Answer huge = RawHttp.send("127.0.0.1", "POST", "/api/auth/login",
                List.of("Content-Type: application/json", "Content-Length: " + (100L << 20)), null, new byte[1024]);
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(413, huge.status(), huge.body());
        assertEquals("{\"error\":\"request body exceeds the limit of 8192 bytes\"}", huge.body());
        assertTrue(ms < 5_000, "answered in " + ms + " ms without the body");
    }

    @Test
    void aChunkedBodyIsCutAtItsLimit() throws Exception {
        // No Content-Length: the server counts what it reads and stops one byte past the limit.
        byte[] chunked = chunked(json(60 * 1024));
        RawHttp.Answer a = RawHttp.send("127.0.0.1", "POST", "/api/auth/login",
                List.of("Content-Type: application/json", "Transfer-Encoding: chunked"), null, chunked);
        assertEquals(413, a.status(), a.body());
        assertEquals("{\"error\":\"request body exceeds the limit of 8192 bytes\"}", a.body());
    }

    // ---- 5: every request error a 4xx with the JSON body, nothing of the insides ----

    @Test
    void unknownCharsetsAndMalformedContentTypesAreClientErrors() throws Exception {
        for (String type : List.of("application/json; charset=foo", "application/json; charset=utf-9",
                "application/json; charset=\"\"", "text/plain; charset=x!y", "application/json;charset=ebcdic-xyz")) {
            for (String[] call : new String[][] {{"PUT", "api/cache/entries/it-cs"}, {"POST", "api/agents"},
                    {"POST", "api/auth/login"}, {"PUT", "api/agents/developer-1/status"}}) {
                HttpResponse<String> r = send(call[1].contains("login") ? null : admin, call[0], call[1],
                        "{\"a\":1}".getBytes(StandardCharsets.UTF_8), type);
                assertError(415, r, type + " on " + call[1]);
            }
        }
        for (String type : List.of("garbage", "application/", "/json", "a/b/c")) {
            assertError(400, send(admin, "PUT", "api/cache/entries/it-ct", "1".getBytes(), type), type);
        }
    }

    @Test
    void oddRequestsGetJsonErrorsWithoutInsides() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(send(admin, "PATCH", "api/cache/entries/x", "1".getBytes(), null));
        answers.add(send(null, "DELETE", "api/nowhere", null, null));
        answers.add(send(admin, "GET", "api/nowhere", null, null));
        answers.add(send(admin, "POST", "api/cache/stats", "1".getBytes(), null));
        answers.add(send(admin, "PUT", "api/agents/developer-1/status", "<xml/>".getBytes(), "application/xml"));
        answers.add(send(admin, "PUT", "api/cache/entries/x?ttl=1e9", "1".getBytes(), null));
        answers.add(send(admin, "POST", "api/agents", "{\"name\":\"x\"}".getBytes(), "application/json;q=x"));
        answers.add(send(admin, "PUT", "api/cache/entries/x", "1".getBytes(), "application/json; q=7"));
        for (String accept : List.of("application/json;q=x", "*/*;q=", "text/html;q=1.5", "a/b/c", "garbage",
                "application/json, application/xml;q=oops")) {
            answers.add(HTTP.send(HttpRequest.newBuilder(uri("api/cache/stats")).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString()));
            answers.add(HTTP.send(HttpRequest.newBuilder(uri("api/agents/developer-1/availability"))
                    .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (HttpResponse<String> r : answers) {
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.request() + " -> " + r.statusCode());
            assertJsonErrorWithoutInsides(r.body(), r.headers().map(), r.request().toString());
        }
        // Containers sometimes answer these themselves: a Content-Length that is no number, a token in a cookie.
        RawHttp.Answer badLength = RawHttp.send("127.0.0.1", "PUT", "/api/cache/entries/x",
                List.of("Authorization: Bearer " + admin, "Content-Type: application/json", "Content-Length: 1x"),
                null, "1".getBytes());
        assertTrue(badLength.status() >= 400 && badLength.status() < 500, "Content-Length 1x -> " + badLength);
        assertFalse(LEAK.matcher(badLength.body() + badLength.headers()).find(), badLength.toString());
    }

    // ---- 6: user names that could forge a log line ----

    @Test
    void userNamesWithControlCharactersAreRefusedBeforeAnythingLogsThem() throws Exception {
        String marker = "FORGED-" + UUID.randomUUID();
        for (String name : List.of("x\r\n[INFO] " + marker, "x\n" + marker, "x\r" + marker, "x\u0085" + marker,
                "x\u2028" + marker, "x\u2029" + marker, "x\u001b[2K" + marker, "x\u0000" + marker,
                "x\t" + marker, "x\u202e" + marker, "x\u000b" + marker, "x\u000c" + marker)) {
            String body = Json.createObjectBuilder().add("username", name).add("password", "p").build().toString();
            HttpResponse<String> r = send(null, "POST", "api/auth/login", body.getBytes(StandardCharsets.UTF_8), null);
            assertError(400, r, "user name " + name.codePoints().mapToObj(Integer::toHexString).toList());
            assertEquals("'username' must not contain control or format characters",
                    ItJson.object(r.body()).getString("error"));
        }
        Path logs = Path.of(System.getProperty("it.server.logs"));
        try (var files = Files.walk(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(log, StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(marker), "a forged line reached " + log);
            }
        }
    }

    // ---- 9: trailing content after a JSON body ----

    @Test
    void trailingContentAfterTheJsonBodyIsRefused() throws Exception {
        String agent = "it-trailing-" + UUID.randomUUID().toString().substring(0, 8);
        String valid = "{\"name\":\"" + agent + "\",\"agent_type\":\"developer\"}";
        for (String tail : List.of(" x", "x", " {}", "{\"name\":\"other\"}", " null", ",", "]", " //c", "\u0000",
                " 1")) {
            assertError(400, send(admin, "PUT", "api/cache/entries/it-trailing", ("{\"a\":1}" + tail).getBytes(
                    StandardCharsets.UTF_8), null), "cache PUT with " + tail);
            assertError(400, send(admin, "POST", "api/agents", (valid + tail).getBytes(StandardCharsets.UTF_8), null),
                    "agent creation with " + tail);
            assertError(400, send(null, "POST", "api/auth/login", ("{\"username\":\"it-trail\",\"password\":\"p\"}"
                    + tail).getBytes(StandardCharsets.UTF_8), null), "login with " + tail);
            assertError(400, send(admin, "PUT", "api/agents/developer-1/status", ("{\"status\":\"online\"}" + tail)
                    .getBytes(StandardCharsets.UTF_8), null), "status with " + tail);
        }
        try (Jedis redis = ItEnvironment.redis()) {
            assertFalse(redis.exists("devcycle:cache:it-trailing"), "nothing was stored");
        }
        assertEquals(404, send(admin, "GET", "api/agents/" + agent, null, null).statusCode(), "nothing registered");
        assertEquals(204, send(admin, "PUT", "api/cache/entries/it-trailing", "{\"a\":1} \r\n\t".getBytes(), null)
                .statusCode(), "trailing white space is fine");
    }

    // ---- 10: booleans are true or false ----

    @Test
    void dryRunIsTrueOrFalseAndNothingElseWrites() throws Exception {
        String name = "it-dry-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, send(admin, "POST", "api/agents", ("{\"name\":\"" + name + "\",\"agent_type\":\"developer\","
                + "\"status\":\"online\"}").getBytes(), null).statusCode());
        byte[] offline = "{\"status\":\"offline\"}".getBytes();
        try {
            for (String query : List.of("dry_run=1", "dry_run=yes", "dry_run=on", "dry_run=TRUE", "dry_run=True",
                    "dry_run=%20true", "dry_run=true%20", "dry_run=", "dry_run", "dry_run=false&dry_run=true",
                    "dry_run=true&dry_run=true", "dry_run=0", "dry_run=t")) {
                assertError(400, send(admin, "PUT", "api/agents/" + name + "?" + query, offline, null), query);
                assertEquals("online", status(name), "nothing written for " + query);
            }
            assertEquals(200, send(admin, "PUT", "api/agents/" + name + "?dry_run=true", offline, null).statusCode());
            assertEquals("online", status(name), "a preview writes nothing");
            assertEquals(200, send(admin, "PUT", "api/agents/" + name + "?dry_run=false", offline, null).statusCode());
            assertEquals("offline", status(name), "false writes");
        } finally {
            send(admin, "DELETE", "api/agents/" + name, null, null);
        }
    }

    // ---- 11: paths the container refuses ----

    @Test
    void pathsTheContainerRefusesGetTheJsonErrorBody() throws Exception {
        for (String path : List.of("/api/cache/entries/a%2Fb", "/api/cache/entries/a%5Cb", "/api/cache/entries/a\\b",
                "/api/cache/entries/%2e%2e", "/api/cache/entries/%C0%AF", "/api/cache/entries/%FF",
                "/api/agents/a%2Fb/availability", "/no-such-file.html")) {
            RawHttp.Answer a = RawHttp.send("127.0.0.1", "GET", path, List.of("Authorization: Bearer " + admin), null);
            assertTrue(a.status() == 400 || a.status() == 404, path + " -> " + a.status());
            assertTrue(a.headers().getOrDefault("content-type", "").startsWith("application/json"), path + " " + a);
            assertTrue(a.body().startsWith("{\"error\":\""), path + " " + a.body());
            assertFalse(LEAK.matcher(a.body()).find(), a.body());
        }
        // Refused by Liberty's HTTP channel before any application runs: its own HTML page (docs/security.md).
        for (String path : List.of("/api/cache/entries/a%00b", "/api/cache/entries/a%0D%0Ab",
                "/api/cache/entries/a%ZZ")) {
            RawHttp.Answer a = RawHttp.send("127.0.0.1", "GET", path, List.of(), null);
            assertEquals(400, a.status(), path);
            assertFalse(a.body().contains("Exception") || a.body().contains("at com."), path + " " + a.body());
        }
    }

    // ---- 12: headers and exposure ----

    @Test
    void browserProtectionsAndNoCredentialedCors() throws Exception {
        for (String path : List.of("", "dashboard/dashboard.js", "dashboard/dashboard.css", "api/cache/stats")) {
            HttpResponse<String> r = send(null, "GET", path, null, null);
            assertEquals(200, r.statusCode(), path);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval") || csp.contains("*"),
                    path + ": " + csp);
        }
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(uri("metrics"))
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(),
                "credentialed CORS on /metrics: " + metrics.headers().map());
        assertEquals("nosniff", metrics.headers().firstValue("X-Content-Type-Options").orElse(""), "Liberty's own");
    }

    // ---- helpers ----

    private static String status(String agent) throws Exception {
        HttpResponse<String> r = send(null, "GET", "api/agents/" + agent, null, null);
        assertEquals(200, r.statusCode(), r.body());
        return ItJson.object(r.body()).getString("status");
    }

    private static void assertError(int status, HttpResponse<String> r, String what) {
        assertEquals(status, r.statusCode(), what + ": " + r.body());
        assertJsonErrorWithoutInsides(r.body(), r.headers().map(), what);
    }

    private static void assertJsonErrorWithoutInsides(String body, Map<String, List<String>> headers, String what) {
        JsonObject error = ItJson.object(body);
        assertNotNull(error.getString("error"), what);
        assertFalse(LEAK.matcher(body).find(), what + ": " + body);
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("content-security-policy")) {
                assertFalse(LEAK.matcher(String.join(",", values)).find(), what + ": header " + name + " " + values);
            }
        });
    }

    private static HttpResponse<String> send(String token, String method, String path, byte[] body, String type)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", type == null ? "application/json" : type);
        }
        if (token != null) {
            b.header("Authorization", ItAuth.bearer(token));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(ItEnvironment.baseUrl() + "/" + path);
    }

    /** A JSON string of about that many bytes. */
    private static byte[] json(int bytes) {
        return ("\"" + "x".repeat(bytes) + "\"").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] chunked(byte[] body) {
        StringBuilder out = new StringBuilder();
        for (int at = 0; at < body.length; at += 4096) {
            int n = Math.min(4096, body.length - at);
            out.append(Integer.toHexString(n)).append("\r\n")
                    .append(new String(body, at, n, StandardCharsets.ISO_8859_1)).append("\r\n");
        }
        return out.append("0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
