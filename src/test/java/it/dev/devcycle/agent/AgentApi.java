package it.dev.devcycle.agent;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import it.dev.devcycle.ItAuth;
import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The agent API over HTTP for the ITs, on the client of an {@link ItClient}: register it as that, in a static field
 * ({@code @RegisterExtension static final AgentApi api = new AgentApi();}). Reads and writes are built in one place
 * each ({@link #reading}, {@link #writing}); writes carry an admin token, taken before the first test.
 */
final class AgentApi implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Distinguishes this run's agents from those of another run against the same server. */
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    /** A response, read completely. */
    record Reply(int status, String body, String location) {

        JsonValue json() {
            return ItJson.parse(body);
        }

        JsonObject object() {
            return json().asJsonObject();
        }

        JsonArray array() {
            return json().asJsonArray();
        }

        /** The message of a JSON error body; fails when the body is not one. */
        String error() {
            return object().getString("error");
        }
    }

    private final ItClient http = new ItClient();
    private String adminToken;

    @Override
    public void beforeAll(ExtensionContext context) {
        http.beforeAll(context);
        adminToken = http.adminToken();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        http.afterAll(context);
    }

    /** A fresh agent name for a test. */
    static String newName(String label) {
        return "it-" + RUN + "-" + label + "-" + SEQUENCE.incrementAndGet();
    }

    Reply get(String path) {
        return read(reading(path).get());
    }

    Reply post(String path, String json) {
        return read(writing(path).post(json == null ? null : Entity.entity(json, MediaType.APPLICATION_JSON_TYPE)));
    }

    Reply put(String path, String json) {
        return read(writing(path).put(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE)));
    }

    Reply put(String path, String json, MediaType type) {
        return read(writing(path).put(Entity.entity(json, type)));
    }

    Reply delete(String path) {
        return read(writing(path).delete());
    }

    /** Registers an agent; fails unless 201. */
    JsonObject register(String name, String agentType, String status, int maxTasks, String... capabilities) {
        StringBuilder caps = new StringBuilder();
        for (String c : capabilities) {
            caps.append(caps.length() == 0 ? "" : ",").append('"').append(c).append('"');
        }
        Reply reply = post("", "{\"name\":\"" + name + "\",\"agent_type\":\"" + agentType + "\",\"status\":\"" + status
                + "\",\"capabilities\":[" + caps + "],\"configuration\":{\"max_concurrent_tasks\":" + maxTasks + "}}");
        if (reply.status() != 201) {
            throw new AssertionError("registering " + name + ": " + reply);
        }
        return reply.object();
    }

    /** {@code db_queries} of {@code GET /api/agents/cache/stats}. */
    long dbQueries() {
        return get("cache/stats").object().getJsonNumber("db_queries").longValue();
    }

    private Invocation.Builder reading(String path) {
        return target(path).request(MediaType.APPLICATION_JSON_TYPE);
    }

    /**
     * A new admin token: after Redis restarted empty, the sessions went with its data, and so did the old token
     * (docs/security.md: losing Redis data logs people out).
     */
    void logInAgain() {
        adminToken = http.adminToken();
    }

    /** Writes need the admin group; the token is taken while Redis (the session store) is up. */
    private Invocation.Builder writing(String path) {
        return ItAuth.as(adminToken, target(path).request(MediaType.APPLICATION_JSON_TYPE));
    }

    private WebTarget target(String path) {
        WebTarget target = http.target("api/agents");
        if (path.isEmpty()) {
            return target;
        }
        int query = path.indexOf('?');
        WebTarget withPath = target.path(query < 0 ? path : path.substring(0, query));
        if (query < 0) {
            return withPath;
        }
        for (String pair : path.substring(query + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            withPath = withPath.queryParam(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return withPath;
    }

    private static Reply read(Response response) {
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            String location = response.getLocation() == null ? null : response.getLocation().toString();
            return new Reply(response.getStatus(), body, location);
        }
    }
}
