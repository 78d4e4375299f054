package dev.devcycle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.DeclarativeCaches;
import dev.devcycle.cache.NamespaceReport;
import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.redis.RedisCircuitBreaker;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.redis.RedisSecurity;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.redis.RedisTopology;
import dev.devcycle.redis.internal.ReadinessProbe;
import dev.devcycle.session.store.SessionIdGenerator;
import dev.devcycle.session.store.SessionInfo;
import dev.devcycle.session.store.SessionStore;
import dev.devcycle.session.store.TokenHash;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import dev.devcycle.testsupport.RedisServerProcess;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The least-privilege ACL user of docs/reliability.md and the README: everything this module does works as that user
 * (proved by results, not by the absence of exceptions, since the cache is fail-open, and by an empty ACL LOG), and
 * what it must never do is refused with NOPERM.
 */
class LeastPrivilegeAclTest {

    static final String USER = "devcycle";
    static final String PASSWORD = "devcycle-acl-test-secret";

    /**
     * The rule set, exactly as documented. Commands are listed one by one (no categories: {@code +@write} would
     * grant FLUSHALL, {@code +@read} KEYS); keys are limited to the module's namespaces.
     */
    static final List<String> ACL_RULES = List.of(
            "reset", "on", ">" + PASSWORD,
            "~devcycle:*", "~jwt_blacklist:*", "~user_sessions:*", "~session_info:*",
            "resetchannels", "-@all",
            "+get", "+mget", "+set", "+del", "+unlink", "+exists", "+ttl", "+pttl", "+expire", "+scan",
            "+sadd", "+srem", "+smembers", "+scard", "+hset", "+hgetall", "+hmget", "+incr",
            "+eval", "+evalsha",
            "+ping", "+info", "+select", "+hello", "+client|setname", "+client|tracking", "+role");

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    @BeforeEach
    void createUser() {
        try (Jedis admin = redis.jedis()) {
            admin.aclDelUser(USER);
            admin.aclSetUser(USER, ACL_RULES.toArray(String[]::new));
            admin.aclLogReset();
        }
    }

    private UnifiedJedis client() {
        RedisSettings settings = new RedisSettings("127.0.0.1", redis.port(), Optional.of(PASSWORD), 0, 4,
                Duration.ofSeconds(2), Duration.ofSeconds(2), true);
        RedisSecurity security = RedisSecurity.from(name -> RedisSecurity.USERNAME.equals(name)
                ? Optional.of(USER) : Optional.empty());
        return RedisClientFactory.create(settings, RedisTopology.standalone(), security,
                RedisCircuitBreaker.disabled());
    }

    @Test
    void everyOperationOfTheModuleWorksAsTheAclUser() throws Exception {
        try (UnifiedJedis client = client(); Jedis admin = redis.jedis()) {
            // Plain cache: every operation, checked by its result.
            RedisCache cache = new RedisCache(client, RedisCache.DEFAULT_NAMESPACE, new ValueCodec(), 1 << 20);
            assertTrue(cache.set("a", Map.of("x", 1), Duration.ofMinutes(5)));
            assertTrue(cache.set("b", "text"));
            assertEquals(Optional.of("text"), cache.get("b", String.class));
            assertTrue(cache.exists("a"));
            assertTrue(cache.getTtl("a") > 290);
            assertEquals(-1, cache.getTtl("b"));
            NamespaceReport stats = cache.report();
            assertTrue(stats.redisConnected(), stats.toString());
            assertEquals(2L, stats.totalKeys());
            assertTrue(cache.delete("b"));
            assertEquals(1, cache.clearPattern("*"));
            assertEquals(0L, cache.statistics().errors(), "no operation failed");

            // Sessions: the scripts (HSET, EXPIRE, SADD, TTL), reads, blacklist, revocation, clean-up.
            SessionStore sessions = new SessionStore(client, Clock.systemUTC(), Duration.ofSeconds(30));
            SessionIdGenerator ids = new SessionIdGenerator();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            SessionInfo one = new SessionInfo(ids.next(), "alice", now, now.plusSeconds(900), "10.0.0.1", "JUnit",
                    TokenHash.of("token-1"));
            SessionInfo two = new SessionInfo(ids.next(), "alice", now, now.plusSeconds(900), "10.0.0.1", "JUnit",
                    TokenHash.of("token-2"));
            sessions.create(one);
            sessions.create(two);
            assertEquals(dev.devcycle.session.store.TokenStatus.ACTIVE,
                    sessions.tokenStatus("alice", two.sessionId(), two.tokenHash()), "the token check (HMGET, INFO)");
            assertEquals(Optional.of(one), sessions.find(one.sessionId()));
            assertEquals(2, sessions.sessionsOf("alice").size());
            assertTrue(sessions.blacklist(one.tokenHash(), one.expiresAt()));
            assertTrue(sessions.isBlacklisted(one.tokenHash()));
            assertTrue(sessions.revoke("alice", one.sessionId()));
            admin.sadd("user_sessions:alice", "dangling-id");
            sessions.pruneDangling();
            assertEquals(1, sessions.revokeAll("alice"));
            sessions.statistics();

            // The login's brute-force counts (INCR, TTL, EXPIRE in a script; GET, TTL, DEL).
            dev.devcycle.session.LoginThrottle throttle = new dev.devcycle.session.LoginThrottle(client,
                    new dev.devcycle.session.LoginLimits(1, 1, Duration.ofSeconds(60), Duration.ZERO));
            throttle.failed("alice", "10.0.0.1");
            assertTrue(throttle.retryAfter("alice", "10.0.0.2").isPresent());
            throttle.succeeded("alice");

            // Readiness: PING and INFO.
            dev.devcycle.testsupport.PlainHealthResponses.install();
            HealthCheckResponse ready = ReadinessProbe.call(client, RedisSettings.defaults());
            assertEquals(HealthCheckResponse.Status.UP, ready.getStatus(), ready.getData().toString());

            // Nothing was refused along the way (Jedis ignores a refused CLIENT SETINFO; the log does not).
            assertEquals(List.of(), admin.aclLog(), "ACL LOG lists refused commands");
        }
    }

    @Test
    void declarativeCachingWorksAsTheAclUser() {
        // The near cache on one cache, so its tracking connection runs as the ACL user too.
        CacheTestContainer.configure(redis, Map.of("redis.username", USER, "redis.password", PASSWORD,
                "cache.agent:capabilities.near-cache", "true"));
        try (CacheTestContainer app = CacheTestContainer.start(CachedDirectory.class); Jedis admin = redis.jedis()) {
            CachedDirectory directory = app.bean(CachedDirectory.class);
            assertTrue(directory.isAvailable("on-1"));
            assertTrue(directory.isAvailable("on-1"));
            assertEquals(Optional.empty(), directory.capabilities("missing-1"));
            assertEquals(Optional.empty(), directory.capabilities("missing-1"));
            assertEquals(2, directory.loads(), "second calls are hits, the negative one included");
            assertEquals("true", admin.get("devcycle:agent:availability:on-1"));

            directory.storeCapabilities("x", List.of("go"));
            assertEquals(Optional.of(List.of("go")), directory.capabilities("x"));
            directory.changed("on-1");
            assertTrue(directory.isAvailable("on-1"));
            assertEquals(3, directory.loads(), "invalidated, loaded again");
            // Batched reads (MGET), as the agent service's list endpoints use them.
            Map<String, Boolean> hits = app.bean(DeclarativeCaches.class).cache("agent:availability", Boolean.class)
                    .getAllPresent(List.of("on-1", "on-none"));
            assertEquals(Map.of("on-1", true), hits, "one hit, one miss in one MGET");
            directory.clearAll();
            assertFalse(admin.exists("devcycle:agent:availability:on-1"));
            assertEquals(List.of(), admin.aclLog(), "ACL LOG lists refused commands");
        }
    }

    @Test
    void dangerousCommandsAndForeignKeysAreRefused() {
        try (Jedis admin = redis.jedis(); Jedis user = RedisServerProcess.jedis(redis.port(), 2000)) {
            admin.set("other_app:secret", "s");
            user.auth(USER, PASSWORD);
            assertNoPerm(() -> user.flushAll(), "FLUSHALL");
            assertNoPerm(() -> user.flushDB(), "FLUSHDB");
            assertNoPerm(() -> user.keys("*"), "KEYS");
            assertNoPerm(() -> user.configGet("*"), "CONFIG GET");
            assertNoPerm(() -> user.configSet("maxmemory", "1"), "CONFIG SET");
            assertNoPerm(() -> user.scriptFlush(), "SCRIPT FLUSH");
            assertNoPerm(() -> user.aclList(), "ACL LIST");
            assertNoPerm(() -> user.clientList(), "CLIENT LIST");
            assertNoPerm(() -> user.sendCommand(Protocol.Command.SHUTDOWN), "SHUTDOWN");
            assertNoPerm(() -> user.get("other_app:secret"), "GET outside the namespaces");
            assertNoPerm(() -> user.set("other_app:x", "v"), "SET outside the namespaces");
            assertNoPerm(() -> user.del("other_app:secret"), "DEL outside the namespaces");
            assertNoPerm(() -> user.eval("return redis.call('GET', KEYS[1])", 1, "other_app:secret"),
                    "a script reaching outside the namespaces");
            // Inside a script Redis 7.0 words a refused command differently (no NOPERM prefix), but refuses it.
            JedisDataException fromScript = assertThrows(JedisDataException.class,
                    () -> user.eval("return redis.call('FLUSHALL')", 0), "FLUSHALL from a script was allowed");
            assertTrue(fromScript.getMessage().contains("can't run this command"), fromScript.getMessage());
            assertEquals("s", admin.get("other_app:secret"), "untouched");
        }
    }

    private static void assertNoPerm(org.junit.jupiter.api.function.Executable call, String what) {
        JedisDataException e = assertThrows(JedisDataException.class, call, what + " was allowed");
        assertTrue(e.getMessage().startsWith("NOPERM"), what + ": " + e.getMessage());
    }
}
