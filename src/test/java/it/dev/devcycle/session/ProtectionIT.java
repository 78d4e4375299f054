package it.dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.ItAuth;
import it.dev.devcycle.ItClient;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;

/**
 * The rule for everything under /api: writes need group admin (anonymous 401, user 403), reads stay open. The agent
 * and cache-namespace paths are checked too, although their resources are written elsewhere: the rule is by method
 * and path, so they are protected from the moment they exist.
 */
class ProtectionIT {

    /** Method, path and body of every kind of write the issues name. */
    private record Write(String method, String path, String body) {
    }

    private static final List<Write> WRITES = List.of(
            new Write("PUT", "api/cache/entries/it-protected", "\"v\""),
            new Write("DELETE", "api/cache/entries/it-protected", null),
            new Write("DELETE", "api/cache/entries?pattern=it-protected*", null),
            new Write("DELETE", "api/cache/caches/agents", null),
            new Write("POST", "api/agents", "{\"id\":\"a1\"}"),
            new Write("PUT", "api/agents/a1", "{\"id\":\"a1\"}"),
            new Write("PUT", "api/agents/a1/status", "{\"status\":\"busy\"}"),
            new Write("POST", "api/agents/a1/heartbeat", "{}"),
            new Write("DELETE", "api/agents/a1", null),
            new Write("DELETE", "api/agents/a1/cache", null),
            new Write("DELETE", "api/agents/cache", null));

    @RegisterExtension
    static final ItClient http = new ItClient();

    @Test
    void anonymousWritesAre401WithAJsonError() {
        for (Write write : WRITES) {
            try (Response r = send(write, null)) {
                assertEquals(401, r.getStatus(), write.toString());
                assertEquals("authentication required", r.readEntity(JsonObject.class).getString("error"));
                assertTrue(r.getHeaderString("WWW-Authenticate").startsWith("Bearer"), write.toString());
            }
        }
    }

    @Test
    void userWritesAre403WithAJsonError() {
        String user = http.userToken();
        for (Write write : WRITES) {
            try (Response r = send(write, user)) {
                assertEquals(403, r.getStatus(), write.toString());
                assertEquals("forbidden: requires group admin", r.readEntity(JsonObject.class).getString("error"));
            }
        }
    }

    @Test
    void adminWritesGetThrough() {
        String admin = http.adminToken();
        String key = "it-protected-" + UUID.randomUUID();
        try (Response r = send(new Write("PUT", "api/cache/entries/" + key, "\"v\""), admin)) {
            assertEquals(204, r.getStatus());
        }
        try (Response r = send(new Write("DELETE", "api/cache/entries/" + key, null), admin)) {
            assertEquals(204, r.getStatus());
        }
        try (Response r = send(new Write("DELETE", "api/cache/entries?pattern=" + key + "*", null), admin)) {
            assertEquals(200, r.getStatus());
        }
    }

    @Test
    void readsStayOpenToAnonymousCallers() {
        try (Response r = http.request("api/cache/stats").get()) {
            assertEquals(200, r.getStatus());
        }
        try (Response r = http.target("api/cache/entries/it-missing-" + UUID.randomUUID()).request().get()) {
            assertEquals(404, r.getStatus(), "the resource's own answer, not an authentication error");
        }
        try (Response r = http.request("health").get()) {
            assertEquals(200, r.getStatus());
        }
    }

    @Test
    void theCallersOwnAuthEndpointsNeedAToken() {
        for (Write call : List.of(new Write("POST", "api/auth/logout", ""), new Write("GET", "api/auth/sessions", null),
                new Write("DELETE", "api/auth/sessions", null), new Write("DELETE", "api/auth/sessions/x", null),
                new Write("GET", "api/auth/stats", null))) {
            try (Response r = send(call, null)) {
                assertEquals(401, r.getStatus(), call.toString());
            }
        }
    }

    private static Response send(Write write, String token) {
        String[] pathAndQuery = write.path().split("\\?", 2);
        var target = http.target(pathAndQuery[0]);
        if (pathAndQuery.length == 2) {
            String[] param = pathAndQuery[1].split("=", 2);
            target = target.queryParam(param[0], param[1]);
        }
        Invocation.Builder request = target.request();
        if (token != null) {
            request = ItAuth.as(token, request);
        }
        return write.body() == null ? request.method(write.method())
                : request.method(write.method(), Entity.json(write.body()));
    }
}
