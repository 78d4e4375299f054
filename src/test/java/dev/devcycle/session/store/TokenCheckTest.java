package dev.devcycle.session.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * Token acceptance keyed on the session the signature covers ({@code sid}), on a real redis-server: revocation holds
 * whatever Redis loses, and a Redis that comes back from an older snapshot cannot bring a revoked session back.
 */
class TokenCheckTest {

    @RegisterExtension
    static RedisServerExtension server = new RedisServerExtension();

    private final SessionIdGenerator ids = new SessionIdGenerator();
    private UnifiedJedis client;
    private SessionStore store;
    private Jedis raw;

    @BeforeEach
    void setUp() {
        client = RedisClientFactory.create(server.settings());
        store = new SessionStore(client, Clock.systemUTC(), Duration.ofSeconds(30));
        raw = server.jedis();
    }

    @AfterEach
    void tearDown() {
        raw.close();
        client.close();
    }

    @Test
    void aSessionIsStampedWithTheRunIdOfTheRedisThatStoredIt() {
        SessionInfo session = login("alice");
        String runId = raw.info("server").lines().filter(l -> l.startsWith("run_id:")).findFirst().orElseThrow()
                .substring("run_id:".length()).trim();
        assertEquals(runId, raw.hget("session_info:" + session.sessionId(), TokenCheck.RUN_ID_FIELD));
        assertEquals(TokenStatus.ACTIVE, status(session));
    }

    @Test
    void withoutItsSessionATokenIsRefusedHoweverItIsWritten() {
        SessionInfo session = login("alice");
        store.remove("alice", session.sessionId());
        assertEquals(TokenStatus.SESSION_ENDED, status(session), "logged out (no blacklist entry at all)");

        SessionInfo revoked = login("alice");
        store.revoke("alice", revoked.sessionId());
        assertEquals(TokenStatus.REVOKED, status(revoked));
        raw.del("jwt_blacklist:" + revoked.tokenHash());
        assertEquals(TokenStatus.SESSION_ENDED, status(revoked), "its blacklist entry lost: still refused");
    }

    @Test
    void revokeAllEndsEverySessionEvenWhenTheBlacklistIsGone() {
        SessionInfo one = login("alice");
        SessionInfo two = login("alice");
        store.revokeAll("alice");
        raw.flushAll();
        assertEquals(TokenStatus.SESSION_ENDED, status(one));
        assertEquals(TokenStatus.SESSION_ENDED, status(two));
    }

    @Test
    void anotherUsersSessionIdIsNoSession() {
        SessionInfo bobs = login("bob");
        assertEquals(TokenStatus.SESSION_ENDED,
                store.tokenStatus("alice", bobs.sessionId(), bobs.tokenHash()), "a sid of bob in alice's token");
    }

    @Test
    void aPythonBlacklistEntryOfTheTokenTextRevokesIt() {
        SessionInfo session = login("alice");
        // What token_blacklist.py writes: SETEX jwt_blacklist:{sha256 hex of the text} ttl str(exp.timestamp()).
        raw.setex("jwt_blacklist:" + session.tokenHash(), 60, "1796118573.0");
        assertEquals(TokenStatus.REVOKED, status(session));
    }

    @Test
    void evictedOrFlushedSessionsAreLoggedOutNeverLetBackIn() {
        SessionInfo session = login("alice");
        raw.flushAll();
        assertEquals(TokenStatus.SESSION_ENDED, status(session));
    }

    @Test
    void aRedisRestartedFromAnOlderSnapshotCannotResurrectARevokedSession() {
        SessionInfo session = login("alice");
        // The snapshot is taken while the session lives; it is revoked afterwards, then Redis restarts from it.
        raw.save();
        store.revoke("alice", session.sessionId());
        assertEquals(TokenStatus.REVOKED, status(session));
        String before = runId();
        raw.close();
        client.close();
        server.server().restart();
        raw = server.jedis();
        // The pool's connections died with the old process (in a service the pool replaces them the same way).
        client = RedisClientFactory.create(server.settings());
        store = new SessionStore(client, Clock.systemUTC(), Duration.ofSeconds(30));
        assertNotEquals(before, runId(), "a new Redis process");
        assertNotNull(raw.hget("session_info:" + session.sessionId(), "user_id"),
                "the snapshot brought the revoked session back");
        assertEquals(0, raw.exists("jwt_blacklist:" + session.tokenHash()) ? 1 : 0, "and lost its blacklist entry");

        assertEquals(TokenStatus.SESSION_FROM_EARLIER_REDIS, status(session), "still refused");
        assertEquals(TokenStatus.ACTIVE, status(login("alice")), "a new login works on the new process");
    }

    @Test
    void aFreshInstanceOverTheSameRedisDecidesTheSame() {
        // Nothing of revocation lives in a JVM: a restarted service (a new store) refuses what the old one did.
        SessionInfo session = login("alice");
        store.revoke("alice", session.sessionId());
        SessionStore restarted = new SessionStore(client, Clock.systemUTC(), Duration.ofSeconds(30));
        assertEquals(TokenStatus.REVOKED, restarted.tokenStatus("alice", session.sessionId(), session.tokenHash()));
    }

    @Test
    void theScriptsTravelAsDigestsAndARedisThatForgotThemIsAnsweredAlike() {
        SessionInfo session = login("alice");
        raw.scriptFlush();
        assertEquals(TokenStatus.ACTIVE, status(session), "NOSCRIPT inside the pipeline: the script is sent again");
        raw.configResetStat();
        assertEquals(TokenStatus.ACTIVE, status(session));
        String calls = raw.info("commandstats");
        assertTrue(calls.contains("cmdstat_evalsha:calls=1,"), "the check by digest: " + calls);
        assertFalse(calls.contains("cmdstat_eval:"), "no script text once Redis knows it: " + calls);

        raw.scriptFlush();
        SessionInfo next = login("alice");
        assertEquals("alice", raw.hget("session_info:" + next.sessionId(), "user_id"), "stored after NOSCRIPT");
        assertTrue(raw.ttl("user_sessions:alice") > 0, "with its TTL");
        assertEquals(TokenStatus.ACTIVE, status(next));
    }

    @Test
    void redisDownIsAnErrorNeverAnAnswer() {
        SessionInfo session = login("alice");
        server.server().kill();
        assertThrows(SessionStoreUnavailableException.class, () -> status(session));
    }

    private TokenStatus status(SessionInfo session) {
        return store.tokenStatus(session.userId(), session.sessionId(), session.tokenHash());
    }

    private String runId() {
        return raw.info("server").lines().filter(l -> l.startsWith("run_id:")).findFirst().orElseThrow();
    }

    private SessionInfo login(String user) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = ids.next();
        SessionInfo session = new SessionInfo(id, user, now, now.plus(Duration.ofMinutes(15)), "10.0.0.1", "JUnit",
                TokenHash.of("token-" + id));
        store.create(session);
        return session;
    }
}
