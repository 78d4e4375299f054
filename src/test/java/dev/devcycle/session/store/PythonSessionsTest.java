package dev.devcycle.session.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.testsupport.PythonSeed;
import dev.devcycle.testsupport.RedisServerExtension;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * The session keys shared, both ways, with the Python session monitor on one Redis: the tests' reproduction of
 * its reads and writes ({@link PythonSeed}, checked against the original, docs/security.md) runs with redis-py beside
 * this service's {@link SessionStore}.
 */
class PythonSessionsTest {

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
    void pythonListsKeepsAndCountsJavaSessionsAsItsOwn() {
        SessionInfo first = session("alice", Duration.ofMinutes(15), "10.0.0.1", "curl/8");
        SessionInfo second = session("alice", Duration.ofHours(2), "", "");
        store.create(first);
        store.create(second);
        store.create(session("bob", Duration.ofMinutes(15), "10.0.0.2", "JUnit"));

        JsonArray results = PythonSeed.run(server, "sessions", "{\"calls\": [[\"get_active_sessions\", \"alice\"],"
                + " [\"cleanup_expired_sessions\"], [\"get_session_stats\"]]}").getJsonArray("results");

        Map<String, JsonObject> listed = results.getJsonArray(0).getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(s -> s.getString("session_id"), s -> s));
        assertEquals(Set.of(first.sessionId(), second.sessionId()), listed.keySet());
        JsonObject one = listed.get(first.sessionId());
        assertEquals("alice", one.getString("user_id"));
        assertEquals(first.expiresAt(), OffsetDateTime.parse(one.getString("expires_at")).toInstant());
        assertEquals(first.createdAt(), OffsetDateTime.parse(one.getString("created_at")).toInstant());
        assertEquals("10.0.0.1", one.getString("ip_address"));
        assertEquals("curl/8", one.getString("user_agent"));
        assertEquals("unknown", listed.get(second.sessionId()).getString("ip_address"), "as Python writes a gap");
        assertEquals("unknown", listed.get(second.sessionId()).getString("user_agent"));
        assertEquals(0, results.getInt(1), "Python's clean-up reads every time written here: none deleted");
        assertTrue(raw.exists("session_info:" + first.sessionId()));
        assertEquals(statisticsOf(store.statistics()), results.getJsonObject(2), "the same counts, the same names");

        // An hour later for Python: the first session has expired by the expires_at it reads, the second not.
        JsonArray later = PythonSeed.run(server, "sessions", "{\"calls\": [[\"cleanup_expired_sessions\"]]}",
                "--clock-offset", "3600").getJsonArray("results");
        assertEquals(2, later.getInt(0), "alice's and bob's 15-minute sessions");
        assertEquals(List.of(second), store.sessionsOf("alice"));
    }

    @Test
    void javaLeavesEverySessionOfThePythonMonitorAlone() {
        String expires = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC)
                .format(Instant.now().plus(1, ChronoUnit.HOURS));
        PythonSeed.run(server, "sessions", "{\"calls\": [[\"track_session\", \"alice\", \"py-1\", \"" + expires
                + "\", \"Mozilla/5.0\", \"10.1.1.1\"], [\"track_session\", \"bob\", \"py-2\", \"" + expires + "\"]]}");
        raw.sadd("user_sessions:alice", "py-gone");
        SessionInfo mine = session("alice", Duration.ofMinutes(15), "10.0.0.1", "JUnit");
        store.create(mine);

        assertEquals(List.of(mine), store.sessionsOf("alice"), "its own sessions only: it cannot revoke Python's");
        assertEquals(0, store.pruneDangling());
        assertEquals(1, store.revokeAll("alice"));

        assertEquals(Set.of("py-1", "py-gone"), raw.smembers("user_sessions:alice"), "Python's members stay");
        assertEquals("Mozilla/5.0", raw.hget("session_info:py-1", "user_agent"));
        JsonArray python = PythonSeed.run(server, "sessions", "{\"calls\": [[\"get_active_sessions\", \"alice\"],"
                + " [\"get_session_stats\"]]}").getJsonArray("results");
        assertEquals(List.of("py-1"), python.getJsonArray(0).getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("session_id")).toList(), "Python still sees its session");
        assertEquals(statisticsOf(store.statistics()), python.getJsonObject(1));
    }

    private static JsonObject statisticsOf(SessionStatistics stats) {
        return jakarta.json.Json.createObjectBuilder()
                .add("total_active_sessions", stats.totalActiveSessions())
                .add("total_users_with_sessions", stats.totalUsersWithSessions())
                .add("redis_connected", true).build();
    }

    private SessionInfo session(String user, Duration lifetime, String ip, String userAgent) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = ids.next();
        return new SessionInfo(id, user, now, now.plus(lifetime), ip, userAgent, TokenHash.of("token-" + id));
    }
}
