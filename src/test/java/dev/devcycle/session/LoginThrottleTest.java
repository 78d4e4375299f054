package dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.session.store.SessionStoreUnavailableException;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/** Failed-login counts in a real Redis: per user name and per client, shared, with the wait a 429 announces. */
class LoginThrottleTest {

    @RegisterExtension
    static RedisServerExtension server = new RedisServerExtension();

    private UnifiedJedis client;
    private LoginThrottle throttle;

    @BeforeEach
    void setUp() {
        client = RedisClientFactory.create(server.settings());
        throttle = new LoginThrottle(client, new LoginLimits(3, 5, Duration.ofSeconds(120), Duration.ZERO));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void aUserNameIsRefusedAfterItsLimitAndTheWaitIsTheWindowLeft() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), throttle.retryAfter("alice", "10.0.0." + i), "failure " + i);
            throttle.failed("alice", "10.0.0." + i);
        }
        Optional<Duration> wait = throttle.retryAfter("alice", "10.0.0.99");
        assertTrue(wait.isPresent(), "from any client");
        assertTrue(wait.get().toSeconds() > 110 && wait.get().toSeconds() <= 120, "wait " + wait);
        assertEquals(Optional.empty(), throttle.retryAfter("bob", "10.0.0.99"), "other users are not affected");
    }

    @Test
    void aRedisThatForgotTheCountingScriptStillCounts() {
        throttle.failed("carol", "10.0.0.7");
        try (Jedis raw = server.jedis()) {
            raw.scriptFlush();
        }
        throttle.failed("carol", "10.0.0.7");
        throttle.failed("carol", "10.0.0.7");
        assertTrue(throttle.retryAfter("carol", "10.0.0.8").isPresent(), "three failures counted across NOSCRIPT");
        try (Jedis raw = server.jedis()) {
            assertEquals("3", raw.get(LoginThrottle.userKey("carol")));
            assertTrue(raw.ttl(LoginThrottle.userKey("carol")) > 0, "the count keeps its window");
        }
    }

    @Test
    void variantsOfOneNameShareItsCount() {
        for (String name : new String[] {"Alice", "ALICE", " alice "}) {
            throttle.failed(name, "10.0.0.1");
        }
        // NFKC: full-width letters are the same name.
        assertTrue(throttle.retryAfter("\uff41\uff4c\uff49\uff43\uff45", "10.0.0.2").isPresent());
        assertTrue(throttle.retryAfter("alice", "10.0.0.2").isPresent());
    }

    @Test
    void unknownAndKnownNamesAreCountedAlikeAndNoNameBecomesAKey() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("nobody-at-all\r\n*", "10.0.0.1");
        }
        assertTrue(throttle.retryAfter("nobody-at-all\r\n*", "10.0.0.3").isPresent());
        try (Jedis raw = server.jedis()) {
            for (String key : raw.keys("*")) {
                assertTrue(key.startsWith(LoginThrottle.PREFIX), key);
                assertFalse(key.contains("nobody"), "the name is hashed: " + key);
                assertTrue(raw.ttl(key) > 0, "every count expires: " + key);
            }
        }
    }

    @Test
    void aClientIsRefusedAfterItsLimitWhateverTheNames() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user-" + i, "192.0.2.7");
        }
        assertTrue(throttle.retryAfter("someone-new", "192.0.2.7").isPresent());
        assertEquals(Optional.empty(), throttle.retryAfter("someone-new", "192.0.2.8"));
    }

    @Test
    void anIpv6ClientIsCountedPerSlash64() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user-" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertTrue(throttle.retryAfter("x", "2001:db8:1:2:ffff:ffff:ffff:ffff").isPresent(), "same /64");
        assertTrue(throttle.retryAfter("x", "[2001:0db8:0001:0002::9]").isPresent(), "another spelling");
        assertEquals(Optional.empty(), throttle.retryAfter("x", "2001:db8:1:3::1"), "the next /64");
        assertEquals("2001:db8:1:2::/64", LoginThrottle.clientBlock("2001:db8:1:2::1"));
        assertEquals("10.1.2.3", LoginThrottle.clientBlock("10.1.2.3"));
        assertEquals(64, LoginThrottle.clientBlock("evil:host.example").length(), "not an address: hashed");
    }

    @Test
    void aSuccessClearsTheUsersCountOnly() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        throttle.succeeded("alice");
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertEquals(Optional.empty(), throttle.retryAfter("alice", "10.0.0.1"), "2 after the reset, limit 3");
    }

    @Test
    void zeroDisablesALimit() {
        LoginThrottle off = new LoginThrottle(client, new LoginLimits(0, 0, Duration.ofSeconds(60), Duration.ZERO));
        for (int i = 0; i < 50; i++) {
            off.failed("alice", "10.0.0.1");
        }
        assertEquals(Optional.empty(), off.retryAfter("alice", "10.0.0.1"));
        try (Jedis raw = server.jedis()) {
            assertEquals(0, raw.dbSize(), "nothing counted");
        }
    }

    @Test
    void instancesShareTheCounts() {
        UnifiedJedis other = RedisClientFactory.create(server.settings());
        try {
            LoginThrottle second = new LoginThrottle(other, new LoginLimits(3, 5, Duration.ofSeconds(120),
                    Duration.ZERO));
            throttle.failed("alice", "10.0.0.1");
            second.failed("alice", "10.0.0.2");
            throttle.failed("alice", "10.0.0.3");
            assertTrue(second.retryAfter("alice", "10.0.0.4").isPresent());
        } finally {
            other.close();
        }
    }

    @Test
    void redisDownFailsClosed() {
        server.server().kill();
        assertThrows(SessionStoreUnavailableException.class, () -> throttle.retryAfter("alice", "10.0.0.1"));
    }
}
