package dev.devcycle.session.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One login: the fields of the {@code session_info:{session_id}} hash. Times are ISO-8601 UTC text, as the seed's
 * Python service writes them ({@code datetime.isoformat()}), so both can read each other's sessions.
 *
 * @param sessionId the random id (not stored in the hash: it is the key)
 * @param userId    the user name ({@code upn} of the token)
 * @param createdAt login time
 * @param expiresAt the token's {@code exp}
 * @param ip        the caller's address as the server saw it
 * @param userAgent the caller's User-Agent header, possibly empty
 * @param tokenHash SHA-256 hex of the token, so the session can be revoked by blacklisting it
 */
public record SessionInfo(String sessionId, String userId, Instant createdAt, Instant expiresAt, String ip,
                          String userAgent, String tokenHash) {

    static final String USER_ID = "user_id";
    static final String CREATED_AT = "created_at";
    static final String EXPIRES_AT = "expires_at";
    static final String IP = "ip";
    static final String USER_AGENT = "user_agent";
    static final String TOKEN_HASH = "token_hash";

    public SessionInfo {
        ip = ip == null ? "" : ip;
        userAgent = userAgent == null ? "" : userAgent;
    }

    Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(USER_ID, userId);
        hash.put(CREATED_AT, createdAt.toString());
        hash.put(EXPIRES_AT, expiresAt.toString());
        hash.put(IP, ip);
        hash.put(USER_AGENT, userAgent);
        hash.put(TOKEN_HASH, tokenHash);
        return hash;
    }

    /** The session a hash describes; empty for a missing key or a hash another writer left incomplete. */
    static Optional<SessionInfo> fromHash(String sessionId, Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return Optional.empty();
        }
        String userId = hash.get(USER_ID);
        String tokenHash = hash.get(TOKEN_HASH);
        if (userId == null || tokenHash == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SessionInfo(sessionId, userId, Instant.parse(hash.get(CREATED_AT)),
                    Instant.parse(hash.get(EXPIRES_AT)), hash.get(IP), hash.get(USER_AGENT), tokenHash));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
