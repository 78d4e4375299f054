package dev.devcycle.session;

import java.security.Principal;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.devcycle.redis.FailureLog;
import dev.devcycle.rest.ApiError;
import dev.devcycle.session.store.SessionStore;
import dev.devcycle.session.store.SessionStoreUnavailableException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Enforces {@link AccessRule} on every request under {@code /api}, before resource matching, so that resources added
 * later are covered without annotations and an anonymous write to an unknown path is a 401, not a 404.
 *
 * <p>MicroProfile JWT has already verified the token's signature and claims when this filter runs; here the token is
 * checked against the Redis blacklist (fail closed: 503 when Redis cannot answer, unless
 * {@code auth.blacklist.fail.open}) and the caller's groups against the rule.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AuthorizationFilter implements ContainerRequestFilter {

    static final String ERR_INVALID_TOKEN = "invalid or expired token";
    static final String ERR_REVOKED = "token has been revoked";
    static final String ERR_AUTH_REQUIRED = "authentication required";
    static final String ERR_FORBIDDEN = "forbidden: requires group admin";
    static final String ERR_BLACKLIST_UNAVAILABLE = "token revocation list is unavailable";
    static final String BEARER_CHALLENGE = "Bearer realm=\"devcycle\"";

    private static final Logger LOG = Logger.getLogger(AuthorizationFilter.class.getName());
    private static final String MSG_FAIL_OPEN =
            "Token revocation list unavailable; request of {0} let through unchecked (auth.blacklist.fail.open=true)";
    private static final FailureLog FAILURES = new FailureLog(LOG);

    @Inject
    SessionStore store;

    @Inject
    AuthSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Caller> caller = Optional.empty();
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (principal instanceof JsonWebToken jwt) {
            caller = Caller.of(jwt);
            if (caller.isEmpty()) {
                // Signed by this server but not by its login (e.g. Liberty's own token endpoint): no session to end.
                abort(request, Response.Status.UNAUTHORIZED, ERR_INVALID_TOKEN);
                return;
            }
        } else if (hasBearerToken(request)) {
            // A token MicroProfile JWT did not accept must not be mistaken for "no token".
            abort(request, Response.Status.UNAUTHORIZED, ERR_INVALID_TOKEN);
            return;
        }

        if (caller.isPresent() && !notRevoked(request, caller.get())) {
            return;
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

    /** False when the request was aborted: the token is revoked, or the blacklist cannot be read (fail closed). */
    private boolean notRevoked(ContainerRequestContext request, Caller caller) {
        try {
            if (store.isBlacklisted(caller.tokenHash())) {
                abort(request, Response.Status.UNAUTHORIZED, ERR_REVOKED);
                return false;
            }
            return true;
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

    private static boolean hasBearerToken(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static void abort(ContainerRequestContext request, Response.Status status, String message) {
        Response response = ApiError.response(status, message);
        if (status == Response.Status.UNAUTHORIZED) {
            response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        request.abortWith(response);
    }
}
