package dev.devcycle.session.store;

/**
 * Counts of the session keys, as the Python services count them ({@code get_session_stats},
 * {@code get_blacklist_stats}), so both report the same numbers for one Redis.
 *
 * @param totalBlacklistedTokens  {@code jwt_blacklist:*} keys
 * @param totalActiveSessions     session ids in all {@code user_sessions:*} sets
 * @param totalUsersWithSessions  {@code user_sessions:*} keys
 */
public record SessionStatistics(long totalBlacklistedTokens, long totalActiveSessions, long totalUsersWithSessions) {
}
