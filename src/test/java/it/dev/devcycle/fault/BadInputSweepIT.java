package it.dev.devcycle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.ReliabilityFigures;
import it.dev.devcycle.ItAuth;
import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItEnvironment;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Hostile ids, cache keys, patterns, query values and bodies sent to every endpoint, anonymously and with an admin
 * token: no answer may be a 5xx, and a snapshot of the whole ITs' Redis before and after shows no key changed
 * outside the namespaces the API may write ({@code devcycle:cache:}, {@code devcycle:agent:}, the session keys, the
 * login's failure counts).
 * Canary keys sit just outside them, where an unescaped glob or a missing namespace would reach.
 */
class BadInputSweepIT {

    /** Where requests may legitimately write; anything else must be byte-for-byte the same afterwards. */
    private static final List<String> WRITABLE = List.of("devcycle:cache:", "devcycle:agent:", "jwt_blacklist:",
            "user_sessions:", "session_info:", "devcycle:auth:login_failures:");
    private static final Map<String, String> CANARIES = Map.of(
            "canary:plain", "1", "devcycle:canary", "2", "devcycle:cache", "3", "devcycle:cachex:k", "4",
            "devcycle:agentx", "5", "my_app:user:1", "6", "*", "7", "{devcycle:cache:}x", "8", "?", "9");

    private static final List<String> HOSTILE = List.of(
            "*", "?", "[a-z]", "\\", ":", "{x}", "a*b?c[d]\\e:f{g}", "devcycle:*", "..", "%", "%2F",
            "ü日本語🙂", "\u0001\u001f\u007f", "\r\nX-Injected: 1", "x".repeat(10_240), " ", "-1", "null");

    @RegisterExtension
    static final ItClient http = new ItClient();

    /** Sends what a JAX-RS client would refuse to (raw paths and headers). */
    private final HttpClient sender = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> serverErrors = new ArrayList<>();
    private int sent;

    @Test
    void hostileInputNeverGives5xxAndNeverTouchesKeysOutsideTheNamespaces() throws Exception {
        String admin = http.adminToken();
        Map<String, String> before;
        try (Jedis redis = ItEnvironment.redis()) {
            CANARIES.forEach(redis::set);
            before = outsideSnapshot(redis);
        }

        for (String token : new String[] {null, admin}) {
            for (String s : HOSTILE) {
                String e = encode(s);
                get(token, "api/cache/entries/" + e);
                get(token, "api/cache/entries/" + e + "/ttl");
                send(token, "PUT", "api/cache/entries/" + e, "\"v\"");
                send(token, "PUT", "api/cache/entries/k?ttl=" + e, "\"v\"");
                send(token, "DELETE", "api/cache/entries/" + e, null);
                send(token, "DELETE", "api/cache/entries?pattern=" + e, null);
                get(token, "api/cache/caches/" + e);
                send(token, "DELETE", "api/cache/caches/" + e, null);
                get(token, "api/agents/" + e);
                get(token, "api/agents/" + e + "/availability");
                get(token, "api/agents/" + e + "/capabilities");
                get(token, "api/agents/" + e + "/capabilities/" + e);
                get(token, "api/agents/" + e + "/load");
                get(token, "api/agents/available?capability=" + e);
                get(token, "api/agents/least-busy?capability=" + e + "&capability=" + e);
                send(token, "PUT", "api/agents/" + e + "?dry_run=" + e, "{\"status\":\"online\"}");
                send(token, "PUT", "api/agents/" + e + "/status", "{\"status\":\"" + jsonEscape(s) + "\"}");
                send(token, "POST", "api/agents/" + e + "/heartbeat", null);
                send(token, "POST", "api/agents/" + e + "/tasks", "{\"delta\":1}");
                send(token, "POST", "api/agents/" + e + "/deactivate", null);
                send(token, "DELETE", "api/agents/" + e + "/cache", null);
                send(token, "DELETE", "api/agents/" + e, null);
                send(token, "POST", "api/agents", "{\"name\":\"" + jsonEscape(s) + "\",\"agent_type\":\"developer\","
                        + "\"capabilities\":[\"" + jsonEscape(s) + "\"]}");
                send(token, "DELETE", "api/auth/sessions/" + e, null);
                send(null, "POST", "api/auth/login", "{\"username\":\"" + jsonEscape(s) + "\",\"password\":\""
                        + jsonEscape(s) + "\"}");
            }
            for (String body : hostileBodies()) {
                send(token, "PUT", "api/cache/entries/body-sweep", body);
                send(token, "POST", "api/agents", body);
                send(token, "PUT", "api/agents/developer-1?dry_run=true", body);
                send(token, "PUT", "api/agents/developer-1/status", body);
                send(token, "POST", "api/agents/no-such-agent-sweep/heartbeat", body);
                send(token, "POST", "api/agents/no-such-agent-sweep/tasks", body);
                send(null, "POST", "api/auth/login", body);
            }
            for (String path : List.of("api/cache/stats", "api/cache/caches", "api/agents", "api/agents/cache/stats",
                    "api/agents/health", "api/auth/stats", "api/auth/sessions", "api/cache/entries/",
                    "api/agents//availability")) {
                get(token, path);
            }
        }
        // Hostile texts that happen to be valid names ("-1", "null") were registered: leave the database as found.
        for (String s : HOSTILE) {
            send(admin, "DELETE", "api/agents/" + encode(s), null);
        }
        // Last, as they revoke what the admin token stands on.
        send(admin, "POST", "api/auth/logout", "{\"x\":\"" + "y".repeat(10_240) + "\"}");
        send(null, "DELETE", "api/auth/sessions", null);

        Map<String, String> after;
        try (Jedis redis = ItEnvironment.redis()) {
            after = outsideSnapshot(redis);
            CANARIES.keySet().forEach(redis::del);
        }
        ReliabilityFigures.record("bad-input sweep", "requests / statuses / 5xx", sent + " / " + statuses + " / "
                + serverErrors.size());
        // Both checked before either fails, so one run shows every problem.
        assertEquals(before, after, "keys outside " + WRITABLE + " changed; 5xx answers: " + serverErrors);
        assertEquals(List.of(), serverErrors, "5xx answers");
        assertTrue(sent > 1000, "the sweep ran: " + sent);
    }

    private static List<String> hostileBodies() {
        StringBuilder deep = new StringBuilder();
        deep.append("[".repeat(50_000)).append("]".repeat(50_000));
        StringBuilder bigArray = new StringBuilder("[");
        for (int i = 0; i < 300_000; i++) {
            bigArray.append(i).append(',');
        }
        bigArray.append("0]");
        return List.of("", " ", "null", "{", "}", "[]", "\"\"", "{\"a\":", "{\"name\":null}",
                "{\"name\":\"\\u0000\\u001f\",\"agent_type\":\"developer\"}",
                "{\"status\":\"" + "x".repeat(10_240) + "\"}", "{\"delta\":1e400}", "{\"delta\":-9223372036854775809}",
                "{\"username\":{},\"password\":[]}", "\"ü日本語🙂\"", deep.toString(), bigArray.toString(),
                "{\"a\":\"" + "x".repeat(3_000_000) + "\"}", "\u0000\u0001", "<xml/>");
    }

    private void get(String token, String path) throws Exception {
        send(token, "GET", path, null);
    }

    private void send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ItEnvironment.baseUrl() + "/" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", ItAuth.bearer(token));
        }
        int status;
        String answer;
        try {
            HttpResponse<String> r = sender.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = r.statusCode();
            answer = r.body();
        } catch (java.io.IOException e) {
            // The server may close the connection on a request it refuses outright; that is not a 5xx.
            status = -1;
            answer = e.toString();
        }
        sent++;
        statuses.merge(status, 1, Integer::sum);
        if (status >= 500) {
            serverErrors.add(method + " " + abbreviate(path) + " (" + (token == null ? "anonymous" : "admin")
                    + ", body " + (body == null ? "none" : abbreviate(body)) + ") -> " + status + " " + abbreviate(answer));
        }
    }

    /** Every key outside the writable namespaces with its type and value. */
    private static Map<String, String> outsideSnapshot(Jedis redis) {
        Map<String, String> snapshot = new TreeMap<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().count(1000));
            for (String key : page.getResult()) {
                if (WRITABLE.stream().noneMatch(key::startsWith)) {
                    String type = redis.type(key);
                    String value = switch (type) {
                        case "string" -> redis.get(key);
                        case "hash" -> new TreeMap<>(redis.hgetAll(key)).toString();
                        case "set" -> new java.util.TreeSet<>(redis.smembers(key)).toString();
                        default -> "(" + type + ")";
                    };
                    snapshot.put(key, type + " " + value);
                }
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return snapshot;
    }

    /** Percent-encodes every byte but the unreserved ones, so the server sees exactly the hostile text. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
