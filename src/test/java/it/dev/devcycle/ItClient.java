package it.dev.devcycle;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JAX-RS client of an IT class, built before its first test and closed after its last, with the requests the ITs
 * make over and over: a path of the ITs' server, with or without a bearer token, and logging in.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ItClient http = new ItClient();
 *
 * String admin = http.adminToken();
 * try (Response r = http.as(admin, "api/cache/entries/k").put(Entity.json("\"v\""))) { ... }
 * }</pre>
 *
 * Register it in a static field: it lives for the class (a {@code @BeforeAll} method of the class may use it, as may
 * its {@code @AfterAll}). The users and passwords are those of {@link ItAuth}.
 */
public final class ItClient implements BeforeAllCallback, AfterAllCallback {

    private Client client;

    @Override
    public void beforeAll(ExtensionContext context) {
        client = ItEnvironment.client();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** The client itself, for what the methods below do not cover. */
    public Client client() {
        if (client == null) {
            throw new IllegalStateException("ItClient is not started: register it with @RegisterExtension in a static "
                    + "field");
        }
        return client;
    }

    /** A path of the ITs' server, e.g. {@code "api/cache/stats"}. */
    public WebTarget target(String path) {
        return ItEnvironment.target(client(), path);
    }

    /** A request to the path, without a token. */
    public Invocation.Builder request(String path) {
        return target(path).request();
    }

    /** A request to the path with {@code Authorization: Bearer <token>}. */
    public Invocation.Builder as(String token, String path) {
        return ItAuth.as(token, request(path));
    }

    /** The status of a GET of the path with the token. */
    public int status(String token, String path) {
        try (Response r = as(token, path).get()) {
            return r.getStatus();
        }
    }

    /** A fresh token of a member of group {@code admin}. */
    public String adminToken() {
        return login(ItAuth.adminUser(), ItAuth.adminPassword()).token();
    }

    /** A fresh token of a member of group {@code user} only. */
    public String userToken() {
        return userLogin().token();
    }

    /** A fresh login of the member of group {@code user} only. */
    public ItAuth.Login userLogin() {
        return login(ItAuth.plainUser(), ItAuth.plainPassword());
    }

    /** Logs in; fails the test unless the server answers 200. */
    public ItAuth.Login login(String username, String password) {
        try (Response r = loginResponse(username, password, null)) {
            if (r.getStatus() != 200) {
                throw new AssertionError("login of " + username + " answered " + r.getStatus() + ": "
                        + r.readEntity(String.class));
            }
            JsonObject body = r.readEntity(JsonObject.class);
            return new ItAuth.Login(body.getString("token"), body.getString("session_id"),
                    body.getString("expires_at"));
        }
    }

    /** The raw answer to a login, optionally asking for a shorter token lifetime; the caller closes it. */
    public Response loginResponse(String username, String password, Integer expiresIn) {
        var body = Json.createObjectBuilder().add("username", username).add("password", password);
        if (expiresIn != null) {
            body.add("expires_in", expiresIn);
        }
        return target("api/auth/login").request(MediaType.APPLICATION_JSON).post(Entity.json(body.build().toString()));
    }
}
