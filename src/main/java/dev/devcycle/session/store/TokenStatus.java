package dev.devcycle.session.store;

/** What the session state in Redis says about a token whose signature and claims are already verified. */
public enum TokenStatus {
    /** Its session exists, was stored by the Redis process answering now, and the token is not blacklisted. */
    ACTIVE,
    /** Blacklisted under the SHA-256 of its text: logged out here, or revoked by another service (the Python ones). */
    REVOKED,
    /** Its session is gone: logged out, revoked, expired, evicted, or lost with Redis' data. */
    SESSION_ENDED,
    /**
     * Its session was stored by an earlier Redis process (Redis restarted or failed over since): the data may have
     * come back from a snapshot older than the session's revocation, so it is not trusted.
     */
    SESSION_FROM_EARLIER_REDIS
}
