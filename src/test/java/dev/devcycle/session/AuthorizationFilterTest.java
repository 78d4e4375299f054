package dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.session.store.SessionIdGenerator;
import dev.devcycle.session.store.SessionInfo;
import dev.devcycle.session.store.SessionStore;
import dev.devcycle.session.store.TokenHash;
import dev.devcycle.testsupport.RedisServerExtension;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * The filter's decisions, with Liberty's JWT consumer stood in for (it accepts exactly the tokens this test issued)
 * and a real Redis behind the session store.
 */
class AuthorizationFilterTest {

    @RegisterExtension
    static RedisServerExtension server = new RedisServerExtension();

    private final SessionIdGenerator ids = new SessionIdGenerator();
    /** The tokens the stand-in verifier accepts, with their callers. */
    private final Map<String, Caller> issued = new HashMap<>();
    private UnifiedJedis client;
    private AuthorizationFilter filter;
    private SecurityContext installed;

    @BeforeEach
    void setUp() {
        client = RedisClientFactory.create(server.settings());
        filter = new AuthorizationFilter();
        filter.store = new SessionStore(client, Clock.systemUTC(), Duration.ofSeconds(30));
        filter.settings = AuthSettings.defaults();
        filter.verifier = new TokenVerifier() {
            @Override
            public Optional<Caller> verify(String token) {
                return Optional.ofNullable(issued.get(token));
            }
        };
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void appliesTheRuleAndMakesTheCallerThePrincipal() {
        String bob = login("bob", "user");
        String ann = login("ann", "admin", "user");
        assertNull(run("GET", "cache/entries/x", (String) null), "anonymous read");
        assertEquals(401, run("PUT", "cache/entries/x", (String) null).getStatus(), "anonymous write");
        assertEquals(403, run("PUT", "cache/entries/x", bob).getStatus(), "user write");
        assertNull(run("PUT", "cache/entries/x", ann), "admin write");
        assertEquals("ann", installed.getUserPrincipal().getName());
        assertTrue(installed.isUserInRole("admin"));
        assertNull(run("POST", "auth/login", (String) null), "login");
        assertEquals(401, run("GET", "auth/sessions", (String) null).getStatus());
        assertNull(run("GET", "auth/sessions", bob));
        assertEquals(403, run("GET", "auth/stats", bob).getStatus());
        assertEquals(403, run("GET", "health", bob).getStatus(), "health details are for administrators");
        assertNull(run("GET", "health", ann));
    }

    @Test
    void aHeaderThatIsNotOneValidBearerTokenIsNotAnonymity() {
        String ann = login("ann", "admin");
        for (List<String> headers : List.of(List.of("Bearer forged"), List.of("Basic YW5uOng="),
                List.of("Bearer " + ann + ", Bearer " + ann), List.of("Bearer " + ann, "Bearer " + ann),
                List.of("Bearer xy.zw"))) {
            Response r = runWith("GET", "cache/entries/x", headers);
            assertEquals(401, r.getStatus(), headers.toString());
            assertEquals(Map.of("error", "invalid or expired token"), r.getEntity(), headers.toString());
        }
        Response padded = runWith("GET", "cache/entries/x", List.of("Bearer " + ann + "="));
        assertEquals(401, padded.getStatus());
        assertEquals(Map.of("error", AuthorizationFilter.ERR_NOT_CANONICAL), padded.getEntity());
    }

    @Test
    void aTokenWithoutItsSessionIsRefused() {
        String bob = login("bob", "user");
        try (Jedis raw = server.jedis()) {
            raw.flushAll();
        }
        Response r = run("GET", "cache/entries/x", bob);
        assertEquals(401, r.getStatus());
        assertEquals(Map.of("error", "session has ended; log in again"), r.getEntity());
    }

    @Test
    void aTokenThePythonServicesBlacklistedIsRefusedAndItsSessionEnded() {
        String bob = login("bob", "user");
        Caller caller = issued.get(bob);
        try (Jedis raw = server.jedis()) {
            raw.setex("jwt_blacklist:" + TokenHash.of(bob), 60, "1796118573.0");
        }
        Response r = run("GET", "cache/entries/x", bob);
        assertEquals(401, r.getStatus());
        assertEquals(Map.of("error", "token has been revoked"), r.getEntity());
        try (Jedis raw = server.jedis()) {
            assertFalse(raw.exists("session_info:" + caller.sessionId()), "the session ends with it");
            // Once Python's entry expires the token stays refused: its session is gone.
            raw.del("jwt_blacklist:" + TokenHash.of(bob));
        }
        assertEquals(401, run("GET", "cache/entries/x", bob).getStatus());
    }

    @Test
    void aTokenIsRefusedFromOneSecondBeforeItsExpiry() {
        String bob = login("bob", "user");
        Instant exp = issued.get(bob).expiresAt();
        filter.clock = Clock.fixed(exp.minusMillis(1001), ZoneOffset.UTC);
        assertNull(run("GET", "auth/sessions", bob), "accepted until then");
        for (long before : new long[] {1000, 999, 500, 0}) {
            filter.clock = Clock.fixed(exp.minusMillis(before), ZoneOffset.UTC);
            assertEquals(401, run("GET", "auth/sessions", bob).getStatus(), before + " ms before exp");
        }
        filter.clock = Clock.fixed(exp.plusSeconds(1), ZoneOffset.UTC);
        assertEquals(401, run("GET", "auth/sessions", bob).getStatus(), "within the verifier's clock skew");
    }

    @Test
    void redisDownFailsClosed() {
        String ann = login("ann", "admin");
        server.server().kill();
        Response r = run("GET", "cache/entries/x", ann);
        assertEquals(503, r.getStatus());
        assertEquals(Map.of("error", "token revocation list is unavailable"), r.getEntity());
        assertNull(run("GET", "cache/entries/x", (String) null), "anonymous reads need no session store");
    }

    @Test
    void redisDownFailsOpenOnlyWhenConfigured() {
        String ann = login("ann", "admin");
        String bob = login("bob", "user");
        filter.settings = AuthSettings.from(name -> name.equals(AuthSettings.BLACKLIST_FAIL_OPEN)
                ? Optional.of("true") : Optional.empty());
        server.server().kill();
        assertNull(run("PUT", "cache/entries/x", ann), "unchecked token let through");
        assertEquals(403, run("PUT", "cache/entries/x", bob).getStatus(), "groups still apply");
    }

    /** A token and its session, as the login makes them; the text is a canonical compact JWS of its own. */
    private String login(String user, String... groups) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String sid = ids.next();
        String token = BearerTokenTest.token(32 + issued.size());
        Caller caller = new Caller(user, Set.of(groups), sid, TokenHash.of(token), now.plusSeconds(600));
        issued.put(token, caller);
        filter.store.create(new SessionInfo(sid, user, now, caller.expiresAt(), "10.0.0.1", "JUnit",
                caller.tokenHash()));
        return token;
    }

    private Response run(String method, String path, String token) {
        return runWith(method, path, token == null ? null : List.of("Bearer " + token));
    }

    private Response runWith(String method, String path, List<String> authorization) {
        Response[] aborted = new Response[1];
        installed = null;
        UriInfo uri = proxy(UriInfo.class, (name, args) -> switch (name) {
            case "getPath" -> path;
            case "getRequestUri" -> URI.create("http://localhost/api/" + path);
            default -> null;
        });
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        ContainerRequestContext request = proxy(ContainerRequestContext.class, (name, args) -> switch (name) {
            case "getSecurityContext" -> installed;
            case "setSecurityContext" -> installed = (SecurityContext) args[0];
            case "getUriInfo" -> uri;
            case "getMethod" -> method;
            case "getHeaders" -> headers;
            case "getHeaderString" -> headers.containsKey((String) args[0])
                    ? String.join(",", headers.get((String) args[0])) : null;
            case "abortWith" -> aborted[0] = (Response) args[0];
            default -> null;
        });
        filter.filter(request);
        return aborted[0];
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> m.getName().equals("toString") ? type.getSimpleName() : answer.answer(m.getName(), args)));
    }
}
