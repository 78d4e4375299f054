package dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.session.store.SessionStore;
import dev.devcycle.session.store.TokenHash;
import dev.devcycle.testsupport.RedisServerExtension;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import redis.clients.jedis.UnifiedJedis;

/** The filter's decisions, with MicroProfile JWT's verified token stood in for and a real Redis behind the store. */
class AuthorizationFilterTest {

    @RegisterExtension
    static RedisServerExtension server = new RedisServerExtension();

    private UnifiedJedis client;
    private AuthorizationFilter filter;

    @BeforeEach
    void setUp() {
        client = RedisClientFactory.create(server.settings());
        filter = new AuthorizationFilter();
        filter.store = new SessionStore(client, Clock.systemUTC(), Duration.ofSeconds(30));
        filter.settings = AuthSettings.defaults();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void appliesTheRule() {
        assertNull(run("GET", "cache/entries/x", null, null), "anonymous read");
        assertEquals(401, run("PUT", "cache/entries/x", null, null).getStatus(), "anonymous write");
        assertEquals(403, run("PUT", "cache/entries/x", token("bob", "user"), null).getStatus(), "user write");
        assertNull(run("PUT", "cache/entries/x", token("ann", "admin", "user"), null), "admin write");
        assertNull(run("POST", "auth/login", null, null), "login");
        assertEquals(401, run("GET", "auth/sessions", null, null).getStatus());
        assertNull(run("GET", "auth/sessions", token("bob", "user"), null));
        assertEquals(403, run("GET", "auth/stats", token("bob", "user"), null).getStatus());
    }

    @Test
    void aBearerTokenTheVerifierDidNotAcceptIsNotAnonymity() {
        Response r = run("GET", "cache/entries/x", null, "Bearer forged");
        assertEquals(401, r.getStatus());
        assertEquals(Map.of("error", "invalid or expired token"), r.getEntity());
    }

    @Test
    void aTokenWithoutSessionIsRefused() {
        assertEquals(401, run("GET", "cache/entries/x", tokenWithSession("bob", null, "user"), null).getStatus());
    }

    @Test
    void aBlacklistedTokenIsRefusedEvenForReads() {
        JsonWebToken jwt = token("bob", "user");
        filter.store.blacklist(TokenHash.of(jwt.getRawToken()), Instant.now().plusSeconds(60));
        Response r = run("GET", "cache/entries/x", jwt, null);
        assertEquals(401, r.getStatus());
        assertEquals(Map.of("error", "token has been revoked"), r.getEntity());
    }

    @Test
    void redisDownFailsClosed() {
        server.server().kill();
        Response r = run("GET", "cache/entries/x", token("ann", "admin"), null);
        assertEquals(503, r.getStatus());
        assertEquals(Map.of("error", "token revocation list is unavailable"), r.getEntity());
        assertNull(run("GET", "cache/entries/x", null, null), "anonymous reads need no blacklist");
    }

    @Test
    void redisDownFailsOpenOnlyWhenConfigured() {
        filter.settings = AuthSettings.from(name -> name.equals(AuthSettings.BLACKLIST_FAIL_OPEN)
                ? Optional.of("true") : Optional.empty());
        server.server().kill();
        assertNull(run("PUT", "cache/entries/x", token("ann", "admin"), null), "unchecked token let through");
        assertEquals(403, run("PUT", "cache/entries/x", token("bob", "user"), null).getStatus(),
                "groups still apply");
    }

    private Response run(String method, String path, JsonWebToken jwt, String authorization) {
        Response[] aborted = new Response[1];
        SecurityContext security = proxy(SecurityContext.class, (name, args) -> name.equals("getUserPrincipal")
                ? jwt : null);
        UriInfo uri = proxy(UriInfo.class, (name, args) -> switch (name) {
            case "getPath" -> path;
            case "getRequestUri" -> URI.create("http://localhost/api/" + path);
            default -> null;
        });
        String header = authorization != null ? authorization : jwt != null ? "Bearer " + jwt.getRawToken() : null;
        ContainerRequestContext request = proxy(ContainerRequestContext.class, (name, args) -> switch (name) {
            case "getSecurityContext" -> security;
            case "getUriInfo" -> uri;
            case "getMethod" -> method;
            case "getHeaderString" -> "Authorization".equalsIgnoreCase((String) args[0]) ? header : null;
            case "abortWith" -> aborted[0] = (Response) args[0];
            default -> null;
        });
        filter.filter(request);
        return aborted[0];
    }

    private static JsonWebToken token(String user, String... groups) {
        return tokenWithSession(user, "0123456789abcdef0123456789abcdef0123456789abcdef", groups);
    }

    private static JsonWebToken tokenWithSession(String user, String sessionId, String... groups) {
        String raw = "header." + user + "-" + System.nanoTime() + ".signature";
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        return new JsonWebToken() {
            @Override
            public String getName() {
                return user;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("upn", "groups", "sid", "exp", "raw_token");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) switch (claimName) {
                    case "upn" -> user;
                    case "groups" -> Set.of(groups);
                    case "sid" -> sessionId;
                    case "exp" -> Long.valueOf(exp);
                    case "raw_token" -> raw;
                    default -> null;
                };
            }
        };
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
