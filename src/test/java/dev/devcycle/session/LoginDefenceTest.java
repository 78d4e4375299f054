package dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.rest.InvalidRequestException;
import dev.devcycle.session.store.SessionIdGenerator;
import dev.devcycle.session.store.SessionStore;
import dev.devcycle.testsupport.RedisServerExtension;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The login's defences, on a real Redis with the registry stood in for: a registry that answers an unknown name
 * faster than a wrong password (as hashing registries do) gives no timing hint, the brute-force limit answers 429
 * with Retry-After identically for both, and a user name that could forge a log line is refused before anything,
 * Liberty's own login included, sees it.
 */
class LoginDefenceTest {

    @RegisterExtension
    static RedisServerExtension server = new RedisServerExtension();

    private static final long FLOOR_MS = 250;
    /** How much slower the stand-in registry is for a name it knows (hashing the password). */
    private static final long KNOWN_USER_COST_MS = 150;

    private final List<String> checked = new ArrayList<>();
    private UnifiedJedis client;
    private AuthResource resource;

    @BeforeEach
    void setUp() {
        client = RedisClientFactory.create(server.settings());
        AuthSettings defaults = AuthSettings.defaults();
        LoginLimits limits = new LoginLimits(3, 1000, Duration.ofSeconds(60), Duration.ofMillis(FLOOR_MS));
        resource = new AuthResource();
        resource.settings = new AuthSettings(defaults.tokenLifetime(), defaults.clockSkew(), false, false,
                defaults.cleanupInterval(), limits);
        resource.store = new SessionStore(client, Clock.systemUTC(), defaults.clockSkew());
        resource.throttle = new LoginThrottle(client, limits);
        resource.sessionIds = new SessionIdGenerator();
        resource.credentials = new CredentialsCheck() {
            @Override
            public Optional<Set<String>> verify(HttpServletRequest request, String username, String password) {
                checked.add(username);
                if (username.startsWith("known")) {
                    sleep(KNOWN_USER_COST_MS);
                }
                return Optional.empty();
            }
        };
        resource.request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                    case "getRemoteAddr" -> "10.9.8.7";
                    default -> null;
                });
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void unknownUsersAndWrongPasswordsTakeTheSameTime() {
        long[] known = new long[5];
        long[] unknown = new long[5];
        for (int i = 0; i < 5; i++) {
            // Alternated, and a fresh name each time so no limit is reached.
            known[i] = timedFailure("known-" + i);
            unknown[i] = timedFailure("nobody-" + i);
        }
        Arrays.sort(known);
        Arrays.sort(unknown);
        assertTrue(unknown[0] >= FLOOR_MS && known[0] >= FLOOR_MS, "every failure waits for the floor: "
                + Arrays.toString(known) + " " + Arrays.toString(unknown));
        long gap = Math.abs(known[2] - unknown[2]);
        assertTrue(gap < KNOWN_USER_COST_MS / 3, "median gap " + gap + " ms: " + Arrays.toString(known) + " vs "
                + Arrays.toString(unknown));
    }

    @Test
    void theLimitAnswers429WithRetryAfterAlikeForKnownAndUnknownNames() {
        for (String name : List.of("known-alice", "nobody-alice")) {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, login(name, "wrong").getStatus());
            }
            checked.clear();
            Response refused = login(name, "maybe-right");
            assertEquals(429, refused.getStatus(), name);
            assertEquals(Map.of("error", "too many failed logins; retry later"), refused.getEntity());
            long retry = Long.parseLong(refused.getHeaderString("Retry-After"));
            assertTrue(retry > 0 && retry <= 60, "Retry-After " + retry);
            assertEquals(List.of(), checked, "the password is not even checked while the limit holds");
        }
    }

    @Test
    void userNamesThatCouldForgeALogLineAreRefusedBeforeAnyCheck() {
        for (String name : List.of("evil\r\nCWWKS1100A: forged", "evil\nforged", "evil\rforged", "evil\u0000",
                "evil\u0085forged", "evil\u2028forged", "evil\u2029forged", "evil\u001b[31mred", "evil\tx",
                "evil\u202egnp.exe", "evil\u200bx", "evil\ud800", "\u007f")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> login(name, "pw"),
                    name.codePoints().mapToObj(Integer::toHexString).toList().toString());
            assertEquals(AuthResource.ERR_USERNAME_CHARACTERS, e.getMessage());
        }
        assertEquals(List.of(), checked, "nothing reached the registry");
        assertEquals(401, login("Jürgen Ünal-日本", "pw").getStatus(), "letters of any script are fine");
    }

    private long timedFailure(String name) {
        long start = System.nanoTime();
        Response r = login(name, "wrong");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(401, r.getStatus());
        assertEquals(Map.of("error", "invalid username or password"), r.getEntity());
        return ms;
    }

    private Response login(String username, String password) {
        return resource.login(Json.createObjectBuilder().add("username", username).add("password", password)
                .build().toString());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
