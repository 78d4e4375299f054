package dev.devcycle.session.store;

/**
 * Counts of the session keys, found by SCAN.
 *
 * @param totalBlacklistedTokens {@code jwt_blacklist:*} keys
 * @param activeSessions         {@code session_info:*} keys
 * @param usersWithSessions      {@code user_sessions:*} keys
 */
public record SessionStatistics(long totalBlacklistedTokens, long activeSessions, long usersWithSessions) {
}
