package dev.devcycle.session.store;

/**
 * The Redis keys of the session state, exactly as the Python services name them (other services read the same Redis):
 * {@code jwt_blacklist:{sha256 hex of the token}}, {@code user_sessions:{user_id}} (a set of session ids) and
 * {@code session_info:{session_id}} (a hash).
 */
public final class SessionKeys {

    public static final String BLACKLIST_PREFIX = "jwt_blacklist:";
    public static final String USER_SESSIONS_PREFIX = "user_sessions:";
    public static final String SESSION_INFO_PREFIX = "session_info:";

    private SessionKeys() {
    }

    public static String blacklist(String tokenHash) {
        return BLACKLIST_PREFIX + tokenHash;
    }

    public static String userSessions(String userId) {
        return USER_SESSIONS_PREFIX + userId;
    }

    public static String sessionInfo(String sessionId) {
        return SESSION_INFO_PREFIX + sessionId;
    }
}
