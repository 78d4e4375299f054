package dev.devcycle.session;

import java.security.Principal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.devcycle.session.store.TokenHash;

/**
 * The authenticated caller of a request, from a token whose signature, issuer, audience and expiry are verified.
 * Holds the token's hash, never the token. It is the request's user principal (its name is the user name).
 */
public record Caller(String userId, Set<String> groups, String sessionId, String tokenHash, Instant expiresAt)
        implements Principal {

    public static final String ADMIN_GROUP = "admin";
    public static final String USER_GROUP = "user";
    /** Private claim with the session id; only tokens from {@code POST /api/auth/login} carry it. */
    public static final String SESSION_CLAIM = "sid";

    public boolean isAdmin() {
        return groups.contains(ADMIN_GROUP);
    }

    @Override
    public String getName() {
        return userId;
    }

    /**
     * The caller that verified claims name; empty when a claim this service's login always sets is missing or of
     * another type ({@code upn}, {@code sid}, {@code exp}; {@code groups} a list of strings when present).
     */
    static Optional<Caller> of(Map<String, Object> claims, String token) {
        if (!(claims.get("upn") instanceof String name) || name.isEmpty()
                || !(claims.get(SESSION_CLAIM) instanceof String sessionId) || sessionId.isEmpty()
                || !(claims.get("exp") instanceof Number exp)) {
            return Optional.empty();
        }
        Object rawGroups = claims.get("groups");
        Set<String> groups;
        if (rawGroups == null) {
            groups = Set.of();
        } else if (rawGroups instanceof Collection<?> list && list.stream().allMatch(String.class::isInstance)) {
            groups = list.stream().map(String.class::cast).collect(Collectors.toUnmodifiableSet());
        } else {
            return Optional.empty();
        }
        return Optional.of(new Caller(name, groups, sessionId, TokenHash.of(token),
                Instant.ofEpochSecond(exp.longValue())));
    }
}
