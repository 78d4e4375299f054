package dev.devcycle.session.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.devcycle.python.PythonTimestamps;

/**
 * One login: the fields of the {@code session_info:{session_id}} hash, shared with the Python session monitor and
 * written as it writes its own (its clean-up deletes a session whose time it cannot read); {@code token_hash} is this
 * service's. Fields and formats: docs/security.md, "Sessions shared with the Python session monitor".
 *
 * @param sessionId the random id (not stored in the hash: it is the key)
 * @param userId    the user name ({@code upn} of the token)
 * @param createdAt login time
 * @param expiresAt the token's {@code exp}
 * @param ip        the caller's address as the server saw it ({@code ip_address})
 * @param userAgent the caller's User-Agent header
 * @param tokenHash SHA-256 hex of the token, so the session can be revoked by blacklisting it
 */
public record SessionInfo(String sessionId, String userId, Instant createdAt, Instant expiresAt, String ip,
                          String userAgent, String tokenHash) {

    static final String USER_ID = "user_id";
    static final String CREATED_AT = "created_at";
    static final String EXPIRES_AT = "expires_at";
    static final String IP_ADDRESS = "ip_address";
    /** What this service's earlier versions named {@code ip_address}; still read. */
    static final String IP = "ip";
    static final String USER_AGENT = "user_agent";
    static final String TOKEN_HASH = "token_hash";
    /** What the Python monitor writes for an absent user agent or address. */
    static final String UNKNOWN = "unknown";

    public SessionInfo {
        ip = ip == null || ip.isEmpty() ? UNKNOWN : ip;
        userAgent = userAgent == null || userAgent.isEmpty() ? UNKNOWN : userAgent;
    }

    Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(USER_ID, userId);
        hash.put(CREATED_AT, PythonTimestamps.isoformat(createdAt));
        hash.put(EXPIRES_AT, PythonTimestamps.isoformat(expiresAt));
        hash.put(USER_AGENT, userAgent);
        hash.put(IP_ADDRESS, ip);
        hash.put(TOKEN_HASH, tokenHash);
        return hash;
    }

    /**
     * The session a hash of this service describes; empty for a missing key, or a hash this service did not write or
     * cannot read fully (a Python session has no {@code token_hash}: this service could not revoke its token).
     */
    static Optional<SessionInfo> fromHash(String sessionId, Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return Optional.empty();
        }
        String userId = hash.get(USER_ID);
        String tokenHash = hash.get(TOKEN_HASH);
        Optional<Instant> createdAt = PythonTimestamps.parse(hash.get(CREATED_AT));
        Optional<Instant> expiresAt = PythonTimestamps.parse(hash.get(EXPIRES_AT));
        if (userId == null || tokenHash == null || createdAt.isEmpty() || expiresAt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SessionInfo(sessionId, userId, createdAt.get(), expiresAt.get(),
                hash.getOrDefault(IP_ADDRESS, hash.get(IP)), hash.get(USER_AGENT), tokenHash));
    }
}
