package dev.devcycle.session;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.devcycle.session.store.TokenHash;

/**
 * The authenticated caller of a request, from a token MicroProfile JWT has already verified (signature, issuer,
 * audience, expiry). Holds the token's hash, never the token.
 *
 * @param canonical whether the token's text is its canonical encoding ({@link CanonicalToken})
 */
public record Caller(String userId, Set<String> groups, String sessionId, String tokenHash, Instant expiresAt,
                     boolean canonical) {

    public static final String ADMIN_GROUP = "admin";
    public static final String USER_GROUP = "user";
    /** Private claim with the session id; only tokens from {@code POST /api/auth/login} carry it. */
    public static final String SESSION_CLAIM = "sid";

    public boolean isAdmin() {
        return groups.contains(ADMIN_GROUP);
    }

    /** The caller a verified token names; empty when it lacks a claim this service's login always sets. */
    public static Optional<Caller> of(JsonWebToken jwt) {
        Object sid = jwt.getClaim(SESSION_CLAIM);
        String name = jwt.getName();
        String raw = jwt.getRawToken();
        if (sid == null || name == null || raw == null || jwt.getExpirationTime() <= 0) {
            return Optional.empty();
        }
        Set<String> groups = jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
        // JSON-P string claims arrive as JsonString; toString() would keep the quotes.
        String sessionId = sid instanceof jakarta.json.JsonString js ? js.getString() : sid.toString();
        return Optional.of(new Caller(name, groups, sessionId, TokenHash.of(raw),
                Instant.ofEpochSecond(jwt.getExpirationTime()), CanonicalToken.isCanonical(raw)));
    }
}
