package dev.devcycle.session.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

class SessionStoreTest {

    @RegisterExtension
    static RedisServerExtension server = new RedisServerExtension();

    private static final Duration SKEW = Duration.ofSeconds(30);

    private final SessionIdGenerator ids = new SessionIdGenerator();
    private UnifiedJedis client;
    private SessionStore store;
    private Jedis raw;

    @BeforeEach
    void setUp() {
        client = RedisClientFactory.create(server.settings());
        store = new SessionStore(client, Clock.systemUTC(), SKEW);
        raw = server.jedis();
    }

    @AfterEach
    void tearDown() {
        raw.close();
        client.close();
    }

    @Test
    void createWritesTheHashAndTheSetWithTtls() {
        SessionInfo session = session("alice", Duration.ofMinutes(15));
        store.create(session);

        Map<String, String> hash = raw.hgetAll("session_info:" + session.sessionId());
        assertEquals("alice", hash.get("user_id"));
        // As the Python session monitor writes them: datetime.isoformat() of an aware UTC datetime.
        DateTimeFormatter python = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'+00:00'")
                .withZone(ZoneOffset.UTC);
        assertEquals(python.format(session.createdAt()), hash.get("created_at"));
        assertEquals(python.format(session.expiresAt()), hash.get("expires_at"));
        assertEquals("10.0.0.1", hash.get("ip_address"));
        assertEquals("JUnit", hash.get("user_agent"));
        assertEquals(session.tokenHash(), hash.get("token_hash"));
        assertTtlNear(900, raw.ttl("session_info:" + session.sessionId()));

        assertEquals(Set.of(session.sessionId()), raw.smembers("user_sessions:alice"));
        assertTtlNear(900, raw.ttl("user_sessions:alice"));
    }

    @Test
    void userSetExpiresWithItsNewestSession() {
        store.create(session("alice", Duration.ofMinutes(15)));
        store.create(session("alice", Duration.ofMinutes(1)));
        assertTtlNear(900, raw.ttl("user_sessions:alice"));

        store.create(session("alice", Duration.ofMinutes(30)));
        assertTtlNear(1800, raw.ttl("user_sessions:alice"));
    }

    @Test
    void aUserSetWithoutTtlGetsOne() {
        raw.sadd("user_sessions:alice", "left-by-an-old-client");
        store.create(session("alice", Duration.ofMinutes(15)));
        assertTtlNear(900, raw.ttl("user_sessions:alice"));
    }

    @Test
    void aFailedStepNeverLeavesAKeyWithoutTtl() {
        // The set's key holds a string: the second script fails after the first has run.
        raw.set("user_sessions:alice", "not a set");
        SessionInfo session = session("alice", Duration.ofMinutes(15));

        assertThrows(SessionStoreUnavailableException.class, () -> store.create(session));

        assertTtlNear(900, raw.ttl("session_info:" + session.sessionId()));
        assertEquals(-1, raw.ttl("user_sessions:alice"), "the foreign key is left alone");
    }

    @Test
    void listingPrunesOnlyItsOwnDanglingIdsAndLeavesEveryOtherMember() {
        SessionInfo live = session("alice", Duration.ofMinutes(15));
        store.create(live);
        SessionInfo bobs = session("bob", Duration.ofMinutes(15));
        store.create(bobs);
        String expired = ids.next();
        // A session of the Python monitor (no token_hash), a hash nobody can read, a foreign id without hash.
        String python = "5f0c7a52-3d4b-4d8e-9a55-0b6f1c2d3e4f";
        raw.hset("session_info:" + python, Map.of("user_id", "alice", "created_at", "2025-12-01T09:19:00+00:00",
                "expires_at", "2099-01-01T00:00:00+00:00", "user_agent", "unknown", "ip_address", "unknown"));
        String unreadable = ids.next();
        raw.hset("session_info:" + unreadable, Map.of("user_id", "alice", "created_at", "yesterday"));
        String foreignDangling = "python-session-without-info";
        raw.sadd("user_sessions:alice", expired, bobs.sessionId(), python, unreadable, foreignDangling);

        List<SessionInfo> sessions = store.sessionsOf("alice");

        assertEquals(List.of(live), sessions);
        assertEquals(Set.of(live.sessionId(), bobs.sessionId(), python, unreadable, foreignDangling),
                raw.smembers("user_sessions:alice"), "only this service's own expired id is removed");
        assertTrue(raw.exists("session_info:" + bobs.sessionId()), "bob's session itself is untouched");
        assertTrue(raw.exists("session_info:" + python));
        assertTrue(raw.exists("session_info:" + unreadable));
    }

    @Test
    void readsTheHashesOfItsEarlierVersions() {
        String id = ids.next();
        raw.hset("session_info:" + id, Map.of("user_id", "alice", "created_at", "2025-12-01T09:19:00Z",
                "expires_at", "2099-01-01T00:00:00Z", "ip", "10.0.0.9", "user_agent", "", "token_hash", "ab12"));

        SessionInfo found = store.find(id).orElseThrow();

        assertEquals(Instant.parse("2099-01-01T00:00:00Z"), found.expiresAt());
        assertEquals("10.0.0.9", found.ip());
        assertEquals("unknown", found.userAgent());
    }

    @Test
    void blacklistStoresTheExpiryUntilTheTokenCanNoLongerBeAccepted() {
        Instant expiresAt = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        assertTrue(store.blacklist("abc123", expiresAt));

        assertEquals(expiresAt.toString(), raw.get("jwt_blacklist:abc123"));
        assertTtlNear(600 + SKEW.toSeconds(), raw.ttl("jwt_blacklist:abc123"));
        assertTrue(store.isBlacklisted("abc123"));
        assertFalse(store.isBlacklisted("abc124"));
    }

    @Test
    void anExpiredTokenIsNotBlacklisted() {
        assertFalse(store.blacklist("old", Instant.now().minus(SKEW).minusSeconds(1)));
        assertFalse(raw.exists("jwt_blacklist:old"));
    }

    @Test
    void aTokenWithinTheClockSkewIsStillBlacklisted() {
        assertTrue(store.blacklist("recent", Instant.now().minusSeconds(10)));
        assertTtlNear(SKEW.toSeconds() - 10, raw.ttl("jwt_blacklist:recent"));
    }

    @Test
    void revokeBlacklistsTheTokenAndRemovesTheSession() {
        SessionInfo session = session("alice", Duration.ofMinutes(15));
        store.create(session);

        assertTrue(store.revoke("alice", session.sessionId()));

        assertTrue(store.isBlacklisted(session.tokenHash()));
        assertFalse(raw.exists("session_info:" + session.sessionId()));
        assertFalse(raw.exists("user_sessions:alice"), "an empty set is no key at all");
    }

    @Test
    void nobodyRevokesAnotherUsersSession() {
        SessionInfo bobs = session("bob", Duration.ofMinutes(15));
        store.create(bobs);

        assertFalse(store.revoke("alice", bobs.sessionId()));
        assertFalse(store.revoke("alice", ids.next()));

        assertFalse(store.isBlacklisted(bobs.tokenHash()));
        assertTrue(raw.exists("session_info:" + bobs.sessionId()));
        assertTrue(raw.sismember("user_sessions:bob", bobs.sessionId()));
    }

    @Test
    void revokeAllEndsEverySessionOfTheUserOnly() {
        SessionInfo a1 = session("alice", Duration.ofMinutes(15));
        SessionInfo a2 = session("alice", Duration.ofMinutes(10));
        SessionInfo a3 = session("alice", Duration.ofMinutes(5));
        SessionInfo b1 = session("bob", Duration.ofMinutes(15));
        for (SessionInfo s : List.of(a1, a2, a3, b1)) {
            store.create(s);
        }

        assertEquals(3, store.revokeAll("alice"));

        for (SessionInfo s : List.of(a1, a2, a3)) {
            assertTrue(store.isBlacklisted(s.tokenHash()));
            assertFalse(raw.exists("session_info:" + s.sessionId()));
        }
        assertFalse(raw.exists("user_sessions:alice"));
        assertFalse(store.isBlacklisted(b1.tokenHash()));
        assertEquals(List.of(b1), store.sessionsOf("bob"));
    }

    @Test
    void periodicPruningRemovesDanglingIdsOfEveryUser() {
        SessionInfo live = session("alice", Duration.ofMinutes(15));
        store.create(live);
        raw.sadd("user_sessions:alice", ids.next(), ids.next(), "a-python-session-id");
        raw.sadd("user_sessions:carol", ids.next());

        assertEquals(3, store.pruneDangling());

        assertEquals(Set.of(live.sessionId(), "a-python-session-id"), raw.smembers("user_sessions:alice"),
                "an id of another shape is another writer's: left alone");
        assertFalse(raw.exists("user_sessions:carol"));
        assertEquals(0, store.pruneDangling());
    }

    @Test
    void statisticsCountTheKeys() {
        store.create(session("alice", Duration.ofMinutes(15)));
        store.create(session("alice", Duration.ofMinutes(15)));
        store.create(session("bob", Duration.ofMinutes(15)));
        store.blacklist("t1", Instant.now().plusSeconds(60));
        raw.set("devcycle:cache:jwt_blacklist:not-one", "x");
        raw.sadd("user_sessions:carol", "a-python-session-id");

        // As the Python services count: ids in the users' sets, sets, blacklist keys.
        assertEquals(new SessionStatistics(1, 4, 3), store.statistics());
    }

    @Test
    void redisDownIsAnErrorNeverAnAnswer() {
        server.server().kill();
        assertThrows(SessionStoreUnavailableException.class, () -> store.isBlacklisted("abc"));
        assertThrows(SessionStoreUnavailableException.class, () -> store.sessionsOf("alice"));
        assertThrows(SessionStoreUnavailableException.class,
                () -> store.create(session("alice", Duration.ofMinutes(1))));
    }

    private SessionInfo session(String user, Duration lifetime) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = ids.next();
        return new SessionInfo(id, user, now, now.plus(lifetime), "10.0.0.1", "JUnit", TokenHash.of("token-" + id));
    }

    private static void assertTtlNear(long expected, long actual) {
        assertTrue(actual <= expected && actual >= expected - 3, "TTL " + actual + " not close to " + expected);
    }
}
