package it.dev.devcycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The ITs' users and their tokens: the users and passwords the pom gives the server (system properties
 * {@code it.auth.*}), the bearer header, and a token's blacklist key. Logging in is {@link ItClient}'s.
 */
public final class ItAuth {

    private ItAuth() {
    }

    /** A login's answer. */
    public record Login(String token, String sessionId, String expiresAt) {
    }

    public static String adminUser() {
        return ItEnvironment.property("it.auth.admin.username");
    }

    public static String adminPassword() {
        return ItEnvironment.property("it.auth.admin.password");
    }

    public static String plainUser() {
        return ItEnvironment.property("it.auth.user.username");
    }

    public static String plainPassword() {
        return ItEnvironment.property("it.auth.user.password");
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
}
