package it.dev.devcycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Logging in to the ITs' server. Writes under {@code /api} need an admin token:
 *
 * <pre>{@code
 * String admin = ItAuth.adminToken(client);
 * ItAuth.as(admin, ItEnvironment.target(client, "api/cache/entries/k").request()).put(Entity.json("\"v\""));
 * }</pre>
 *
 * The users and passwords are the ones the pom gives the server (system properties {@code it.auth.*}).
 */
public final class ItAuth {

    private ItAuth() {
    }

    /** A login's answer. */
    public record Login(String token, String sessionId, String expiresAt) {
    }

    public static String adminUser() {
        return required("it.auth.admin.username");
    }

    public static String adminPassword() {
        return required("it.auth.admin.password");
    }

    public static String plainUser() {
        return required("it.auth.user.username");
    }

    public static String plainPassword() {
        return required("it.auth.user.password");
    }

    /** A fresh token of a member of group {@code admin}. */
    public static String adminToken(Client client) {
        return login(client, adminUser(), adminPassword()).token();
    }

    /** A fresh token of a member of group {@code user} only. */
    public static String userToken(Client client) {
        return login(client, plainUser(), plainPassword()).token();
    }

    /** Logs in; fails the test unless the server answers 200. */
    public static Login login(Client client, String username, String password) {
        try (Response r = loginResponse(client, username, password, null)) {
            if (r.getStatus() != 200) {
                throw new AssertionError("login of " + username + " answered " + r.getStatus() + ": "
                        + r.readEntity(String.class));
            }
            JsonObject body = r.readEntity(JsonObject.class);
            return new Login(body.getString("token"), body.getString("session_id"), body.getString("expires_at"));
        }
    }

    /** The raw answer to a login, optionally asking for a shorter token lifetime; the caller closes it. */
    public static Response loginResponse(Client client, String username, String password, Integer expiresIn) {
        var body = Json.createObjectBuilder().add("username", username).add("password", password);
        if (expiresIn != null) {
            body.add("expires_in", expiresIn);
        }
        return ItEnvironment.target(client, "api/auth/login").request(MediaType.APPLICATION_JSON)
                .post(Entity.json(body.build().toString()));
    }

    /** The request with {@code Authorization: Bearer <token>}. */
    public static Invocation.Builder as(String token, Invocation.Builder request) {
        return request.header(HttpHeaders.AUTHORIZATION, bearer(token));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The name of a token's blacklist entry in Redis, computed here independently of the server's code. */
    public static String blacklistKey(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "jwt_blacklist:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the ITs with `mvn verify`");
        }
        return value;
    }
}
