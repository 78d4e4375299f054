package dev.devcycle.session;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.devcycle.rest.ApiError;
import dev.devcycle.rest.InvalidRequestException;
import dev.devcycle.rest.JsonText;
import dev.devcycle.session.store.SessionIdGenerator;
import dev.devcycle.session.store.SessionInfo;
import dev.devcycle.session.store.SessionStatistics;
import dev.devcycle.session.store.SessionStore;
import dev.devcycle.session.store.TokenHash;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Login, logout and the caller's own sessions. Who may call what is decided by {@link AuthorizationFilter}; here the
 * caller, when needed, is the one of the verified token.
 */
@Path("auth")
@Tag(name = "auth", description = "Login, logout and the caller's sessions (docs/security.md)")
// Sessions and the revocation list live in Redis, and this API has no answer without them. The token check's 401
// and 403 come from ApiDocumentationFilter.
@APIResponse(responseCode = "503", description = "Redis is unavailable: the session store, or the token revocation "
        + "list a sent token is checked against",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = AuthResource.ERROR)))
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    /** The shared error schema of META-INF/openapi.yaml. */
    static final String ERROR = "Error";
    static final String ERR_BAD_CREDENTIALS = "invalid username or password";
    static final String ERR_NO_SESSION = "no such session";
    static final String ERR_LOGIN_BODY = "request body must be {\"username\": ..., \"password\": ...}";
    static final String ERR_USERNAME_CHARACTERS = "'username' must not contain control or format characters";
    static final String ERR_TOO_MANY_FAILURES = "too many failed logins; retry later";
    static final int TOO_MANY_REQUESTS = 429;
    /** User-Agent text kept per session; the header is caller-controlled and otherwise unbounded. */
    static final int MAX_USER_AGENT = 512;
    static final int MAX_CREDENTIAL_LENGTH = 256;

    private static final Logger LOG = Logger.getLogger(AuthResource.class.getName());
    private static final String MSG_LOGIN = "Login of {0}: session {1}";
    private static final String MSG_LOGIN_FAILED = "Failed login for user name {0} from {1}";
    private static final String MSG_LOGIN_THROTTLED = "Login for user name {0} from {1} refused for {2} s: too many "
            + "failed logins";
    private static final String MSG_LOGOUT = "Logout of {0}: session {1}";
    private static final String MSG_REVOKED = "{0} revoked session {1}";
    private static final String MSG_REVOKED_ALL = "{0} revoked all {1} session(s)";

    @Inject
    SessionStore store;

    @Inject
    AuthSettings settings;

    @Inject
    TokenIssuer issuer;

    @Inject
    CredentialsCheck credentials;

    @Inject
    LoginThrottle throttle;

    @Inject
    SessionIdGenerator sessionIds;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    /**
     * {@code {"username", "password"}}, optionally {@code "expires_in"} (seconds, at most the configured lifetime, for
     * clients that want a shorter-lived token) → {@code {"token", "session_id", "expires_at"}}.
     */
    @Operation(summary = "Log in",
            description = "Checks the user name and password against the user registry and answers a signed token "
                    + "(RS256 JWT) for a new session.")
    @RequestBody(required = true, description = "the credentials, optionally a shorter token lifetime",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "LoginRequest")))
    @APIResponse(responseCode = "200", description = "logged in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "LoginResponse")))
    @APIResponse(responseCode = "400", description = "not a JSON object or anything after it, username or password "
            + "missing, empty or longer than 256 characters, a username with control or format characters, "
            + "expires_in not a whole number from 2 to the token lifetime",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    // Instead of the token check's 401: here it is mostly about the credentials, not a token.
    @APIResponse(responseCode = "401", description = "wrong user name or password (one answer for both); also a "
            + "token sent along that is revoked or rejected",
            headers = @Header(name = HttpHeaders.WWW_AUTHENTICATE, description = "a Bearer challenge",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "429", description = "too many failed logins for this user name or from this client "
            + "(the password is not checked); retry after the seconds of Retry-After",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "seconds until the limit is lifted",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "413", description = "body over 8 KiB",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @POST
    @Path("login")
    @Consumes(MediaType.WILDCARD)
    public Response login(String text) {
        long started = System.nanoTime();
        JsonObject body = loginBody(text);
        String username = requiredString(body, "username");
        // Before anything logs it, Liberty's own audit message of a failed login included: no forged log lines.
        if (!isLoggable(username)) {
            throw new InvalidRequestException(ERR_USERNAME_CHARACTERS);
        }
        String password = requiredString(body, "password");
        long lifetime = lifetimeSeconds(body);
        String client = request.getRemoteAddr();

        Optional<Duration> wait = throttle.retryAfter(username, client);
        if (wait.isPresent()) {
            LOG.log(Level.WARNING, MSG_LOGIN_THROTTLED, new Object[] {username, client, wait.get().toSeconds()});
            Response response = ApiError.response(TOO_MANY_REQUESTS, ERR_TOO_MANY_FAILURES);
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, Long.toString(wait.get().toSeconds()));
            return response;
        }
        Optional<Set<String>> groups = credentials.verify(request, username, password);
        if (groups.isEmpty()) {
            throttle.failed(username, client);
            LOG.log(Level.INFO, MSG_LOGIN_FAILED, new Object[] {username, client});
            // A registry answers an unknown name faster than a wrong password (no hash to compute): answer both late.
            waitUntil(started + settings.loginLimits().failureMinimum().toNanos());
            Response response = ApiError.response(Response.Status.UNAUTHORIZED, ERR_BAD_CREDENTIALS);
            response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, AuthorizationFilter.BEARER_CHALLENGE);
            return response;
        }
        throttle.succeeded(username);

        // JWT times are whole seconds; the session's expiry is exactly the token's exp.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plusSeconds(lifetime);
        String sessionId = sessionIds.next();
        String token = issuer.issue(username, groups.get(), sessionId, expiresAt);
        store.create(new SessionInfo(sessionId, username, now, expiresAt, request.getRemoteAddr(), userAgent(),
                TokenHash.of(token)));
        LOG.log(Level.INFO, MSG_LOGIN, new Object[] {username, sessionId});

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", token);
        answer.put("session_id", sessionId);
        answer.put("expires_at", expiresAt.toString());
        return Response.ok(answer).build();
    }

    /** Blacklists the caller's token and ends its session. */
    @Operation(summary = "Log out", description = "Revokes the request's token and ends its session.")
    @APIResponse(responseCode = "204", description = "logged out; the token no longer works")
    @POST
    @Path("logout")
    public Response logout() {
        Caller caller = caller();
        store.blacklist(caller.tokenHash(), caller.expiresAt());
        store.remove(caller.userId(), caller.sessionId());
        LOG.log(Level.INFO, MSG_LOGOUT, new Object[] {caller.userId(), caller.sessionId()});
        return Response.noContent().build();
    }

    /** The caller's live sessions, oldest first; {@code current} marks the one of this request's token. */
    @Operation(summary = "The caller's sessions",
            description = "Live sessions of the token's user, oldest first; current marks the one of this token.")
    @APIResponse(responseCode = "200", description = "the sessions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SessionList")))
    @GET
    @Path("sessions")
    public List<Map<String, Object>> sessions() {
        Caller caller = caller();
        return store.sessionsOf(caller.userId()).stream().map(s -> view(s, caller)).toList();
    }

    /** Revokes one of the caller's own sessions; someone else's is answered exactly like a missing one. */
    @Operation(summary = "Revoke one of the caller's sessions",
            description = "Its token stops working; the caller's other sessions stay.")
    @APIResponse(responseCode = "204", description = "revoked")
    @APIResponse(responseCode = "404", description = "the caller has no such session (another user's session is "
            + "answered the same)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @DELETE
    @Path("sessions/{sessionId}")
    public Response revoke(@Parameter(description = "a session_id of GET /api/auth/sessions (48 hex characters)")
            @PathParam("sessionId") String sessionId) {
        Caller caller = caller();
        if (!SessionIdGenerator.isWellFormed(sessionId) || !store.revoke(caller.userId(), sessionId)) {
            return ApiError.response(Response.Status.NOT_FOUND, ERR_NO_SESSION);
        }
        LOG.log(Level.INFO, MSG_REVOKED, new Object[] {caller.userId(), sessionId});
        return Response.noContent().build();
    }

    /** Logout everywhere: every session of the caller, this one included. */
    @Operation(summary = "Revoke every session of the caller",
            description = "Logout everywhere, this session included: every token of the user stops working.")
    @APIResponse(responseCode = "200", description = "how many sessions were revoked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RevokedSessions")))
    @DELETE
    @Path("sessions")
    public Map<String, Object> revokeAll() {
        Caller caller = caller();
        int revoked = store.revokeAll(caller.userId());
        // Also when this token's session record is gone already: the token itself must stop working.
        store.blacklist(caller.tokenHash(), caller.expiresAt());
        LOG.log(Level.INFO, MSG_REVOKED_ALL, new Object[] {caller.userId(), revoked});
        return Map.of("revoked_sessions", revoked);
    }

    /** Counts over all users (admin only, see {@link AccessRule}). */
    @Operation(summary = "Session statistics over all users",
            description = "Revoked tokens not yet expired, session ids in the users' sets, users with sessions "
                    + "(SCAN over Redis), counted as the Python services count them, under their field names.")
    @APIResponse(responseCode = "200", description = "the counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SessionStats")))
    @GET
    @Path("stats")
    public Map<String, Object> stats() {
        SessionStatistics stats = store.statistics();
        // The field names of the Python services' statistics, which count the same keys the same way.
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total_blacklisted_tokens", stats.totalBlacklistedTokens());
        answer.put("total_active_sessions", stats.totalActiveSessions());
        answer.put("total_users_with_sessions", stats.totalUsersWithSessions());
        answer.put("redis_connected", true);
        return answer;
    }

    /** The filter let the request through only with a valid token; no token here is a wiring bug. */
    private Caller caller() {
        if (security.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("no verified token on a request the authorization filter let through");
    }

    private static Map<String, Object> view(SessionInfo session, Caller caller) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("session_id", session.sessionId());
        view.put("created_at", session.createdAt().toString());
        view.put("expires_at", session.expiresAt().toString());
        view.put("ip", session.ip());
        view.put("user_agent", session.userAgent());
        view.put("current", session.sessionId().equals(caller.sessionId()));
        return view;
    }

    private String userAgent() {
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        if (agent == null) {
            return "";
        }
        return agent.length() > MAX_USER_AGENT ? agent.substring(0, MAX_USER_AGENT) : agent;
    }

    private long lifetimeSeconds(JsonObject body) {
        long max = settings.tokenLifetime().toSeconds();
        JsonValue raw = body.get("expires_in");
        if (raw == null || raw == JsonValue.NULL) {
            return max;
        }
        // At least 2: a token is refused from one second before its exp (AuthorizationFilter.REVOCATION_MARGIN).
        long min = AuthSettings.MIN_LIFETIME_SECONDS;
        if (!(raw instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < min || n.longValue() > max) {
            throw new InvalidRequestException("expires_in must be a whole number of seconds from " + min + " to " + max);
        }
        return n.longValue();
    }

    /** Parsed here rather than by the provider, so every malformed body is a 400 with a message. */
    private static JsonObject loginBody(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(ERR_LOGIN_BODY);
        }
        if (JsonText.parseWhole(text) instanceof JsonObject object) {
            return object;
        }
        throw new InvalidRequestException(ERR_LOGIN_BODY);
    }

    private static String requiredString(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (!(value instanceof JsonString s) || s.getString().isEmpty()) {
            throw new InvalidRequestException("'" + name + "' is required and must be a non-empty string");
        }
        if (s.getString().length() > MAX_CREDENTIAL_LENGTH) {
            throw new InvalidRequestException("'" + name + "' is longer than " + MAX_CREDENTIAL_LENGTH + " characters");
        }
        return s.getString();
    }

    /**
     * No control characters (CR, LF, NUL, NEL, escape ...), format characters (bidi overrides, zero-width), line or
     * paragraph separators, or lone surrogates: nothing that can start a new log line or disguise one.
     */
    static boolean isLoggable(String username) {
        return username.codePoints().noneMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        });
    }

    private static void waitUntil(long nanoTime) {
        long remaining = nanoTime - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
