package dev.devcycle.session;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.devcycle.redis.FailureLog;
import dev.devcycle.rest.ApiError;
import dev.devcycle.session.store.SessionStore;
import dev.devcycle.session.store.SessionStoreUnavailableException;
import dev.devcycle.session.store.TokenStatus;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates and authorizes every request under {@code /api}, before resource matching, so that resources added
 * later are covered without annotations and an anonymous write to an unknown path is a 401, not a 404.
 *
 * <p>A request that carries an {@code Authorization} header is authenticated or refused, never treated as anonymous:
 * exactly one canonical bearer token ({@link BearerToken}), short of its {@code exp} by {@link #REVOCATION_MARGIN},
 * whose signature and claims Liberty's JWT consumer accepts ({@link TokenVerifier}), with a live session in Redis and
 * not blacklisted ({@link SessionStore#tokenStatus}; fail closed: 503 when Redis cannot answer, unless
 * {@code auth.blacklist.fail.open}). Then the caller's groups are checked against {@link AccessRule}, and the caller
 * becomes the request's user principal.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AuthorizationFilter implements ContainerRequestFilter {

    static final String ERR_INVALID_TOKEN = "invalid or expired token";
    static final String ERR_NOT_CANONICAL = "token is not in its canonical encoding (unpadded base64url)";
    static final String ERR_REVOKED = "token has been revoked";
    static final String ERR_SESSION_ENDED = "session has ended; log in again";
    static final String ERR_AUTH_REQUIRED = "authentication required";
    static final String ERR_FORBIDDEN = "forbidden: requires group admin";
    static final String ERR_BLACKLIST_UNAVAILABLE = "token revocation list is unavailable";
    static final String BEARER_CHALLENGE = "Bearer realm=\"devcycle\"";
    /**
     * A token is accepted until this long before its {@code exp}, whatever clock skew the JWT consumer allows after
     * it: the Python services blacklist a token for {@code int(exp - now)} seconds, so their entry can vanish up to a
     * second before {@code exp}, and a token revoked there must not be accepted here once it has.
     */
    static final Duration REVOCATION_MARGIN = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(AuthorizationFilter.class.getName());
    private static final String MSG_FAIL_OPEN =
            "Token revocation list unavailable; request of {0} let through unchecked (auth.blacklist.fail.open=true)";
    private static final FailureLog FAILURES = new FailureLog(LOG);

    @Inject
    SessionStore store;

    @Inject
    AuthSettings settings;

    @Inject
    TokenVerifier verifier;

    Clock clock = Clock.systemUTC();

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Caller> caller = Optional.empty();
        BearerToken.Parsed bearer = BearerToken.of(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        switch (bearer.kind()) {
            case NONE -> { }
            case NOT_CANONICAL -> {
                abort(request, Response.Status.UNAUTHORIZED, ERR_NOT_CANONICAL);
                return;
            }
            case MALFORMED -> {
                // A header that is not one valid bearer token must not be mistaken for "no token".
                abort(request, Response.Status.UNAUTHORIZED, ERR_INVALID_TOKEN);
                return;
            }
            case TOKEN -> {
                // Signed by this server but without the claims of its login (e.g. another builder): no session.
                caller = verifier.verify(bearer.token().orElseThrow());
                if (caller.isEmpty()) {
                    abort(request, Response.Status.UNAUTHORIZED, ERR_INVALID_TOKEN);
                    return;
                }
                if (!accepted(request, caller.get())) {
                    return;
                }
                request.setSecurityContext(new CallerContext(caller.get(), request.getSecurityContext()));
            }
        }

        AccessRequirement needed = AccessRule.requirement(request.getMethod(), request.getUriInfo().getPath(),
                settings.readsRequireAuth());
        if (needed == AccessRequirement.ANYONE) {
            return;
        }
        if (caller.isEmpty()) {
            abort(request, Response.Status.UNAUTHORIZED, ERR_AUTH_REQUIRED);
        } else if (needed == AccessRequirement.ADMIN && !caller.get().isAdmin()) {
            abort(request, Response.Status.FORBIDDEN, ERR_FORBIDDEN);
        }
    }

    /** The instant from which a token with this {@code exp} is refused here (see {@link #REVOCATION_MARGIN}). */
    static Instant acceptedUntil(Instant expiresAt) {
        return expiresAt.minus(REVOCATION_MARGIN);
    }

    /**
     * False when the request was aborted: the token is past the end of its acceptance, has no live session, is
     * revoked, or the session state cannot be read (fail closed).
     */
    private boolean accepted(ContainerRequestContext request, Caller caller) {
        if (!clock.instant().isBefore(acceptedUntil(caller.expiresAt()))) {
            abort(request, Response.Status.UNAUTHORIZED, ERR_INVALID_TOKEN);
            return false;
        }
        try {
            TokenStatus status = store.tokenStatus(caller.userId(), caller.sessionId(), caller.tokenHash());
            switch (status) {
                case ACTIVE -> {
                    return true;
                }
                case REVOKED -> {
                    // Revoked elsewhere (a Python service) too: end the session, so the refusal outlives that entry.
                    store.remove(caller.userId(), caller.sessionId());
                    abort(request, Response.Status.UNAUTHORIZED, ERR_REVOKED);
                }
                case SESSION_ENDED, SESSION_FROM_EARLIER_REDIS ->
                        abort(request, Response.Status.UNAUTHORIZED, ERR_SESSION_ENDED);
            }
            return false;
        } catch (SessionStoreUnavailableException e) {
            if (settings.blacklistFailOpen()) {
                if (FAILURES.failure("blacklist check", e.getCause() == null ? e : e.getCause())) {
                    LOG.log(Level.WARNING, MSG_FAIL_OPEN, caller.userId());
                }
                return true;
            }
            FAILURES.failure("blacklist check", e.getCause() == null ? e : e.getCause());
            request.abortWith(ApiError.response(Response.Status.SERVICE_UNAVAILABLE, ERR_BLACKLIST_UNAVAILABLE));
            return false;
        }
    }

    private static void abort(ContainerRequestContext request, Response.Status status, String message) {
        Response response = ApiError.response(status, message);
        if (status == Response.Status.UNAUTHORIZED) {
            response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        request.abortWith(response);
    }

    /** The request's security context with the verified caller as its principal; roles are the token's groups. */
    record CallerContext(Caller caller, SecurityContext original) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.groups().contains(role);
        }

        @Override
        public boolean isSecure() {
            return original != null && original.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
