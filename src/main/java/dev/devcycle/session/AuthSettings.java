package dev.devcycle.session;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import dev.devcycle.redis.SettingReader;

/**
 * Authentication settings, read once from MicroProfile Config (environment variable in brackets). See
 * {@code docs/security.md}.
 *
 * @param tokenLifetime          lifetime of a login's token ({@code AUTH_TOKEN_LIFETIME}, seconds, default 900)
 * @param clockSkew              how long after {@code exp} the verifier still accepts a token; must equal the
 *                               {@code clockSkew} of server.xml's {@code jwtConsumer}, which reads the same variable
 *                               ({@code AUTH_TOKEN_CLOCK_SKEW}, seconds, default 30)
 * @param blacklistFailOpen      when Redis is down, let authenticated requests through unchecked instead of answering
 *                               503 ({@code AUTH_BLACKLIST_FAIL_OPEN}, default false; a revoked token then works again)
 * @param readsRequireAuth       GET/HEAD/OPTIONS under /api need a valid token too
 *                               ({@code AUTH_READS_REQUIRE_AUTHENTICATION}, default false)
 * @param cleanupInterval        period of the dangling-session clean-up ({@code AUTH_SESSION_CLEANUP_INTERVAL},
 *                               seconds, default 300)
 * @param loginLimits            the brute-force limits of the login ({@link LoginLimits})
 */
public record AuthSettings(Duration tokenLifetime, Duration clockSkew, boolean blacklistFailOpen,
                           boolean readsRequireAuth, Duration cleanupInterval, LoginLimits loginLimits) {

    public static final String TOKEN_LIFETIME = "auth.token.lifetime";
    public static final String CLOCK_SKEW = "auth.token.clock.skew";
    public static final String BLACKLIST_FAIL_OPEN = "auth.blacklist.fail.open";
    public static final String READS_REQUIRE_AUTH = "auth.reads.require.authentication";
    public static final String CLEANUP_INTERVAL = "auth.session.cleanup.interval";
    public static final String LOGIN_MAX_FAILURES_PER_USER = "auth.login.max.failures.per.user";
    public static final String LOGIN_MAX_FAILURES_PER_CLIENT = "auth.login.max.failures.per.client";
    public static final String LOGIN_FAILURE_WINDOW = "auth.login.failure.window";
    public static final String LOGIN_FAILURE_MIN_MILLIS = "auth.login.failure.min.millis";

    /** A day: longer-lived bearer tokens defeat the point of a short-lived, revocable token. */
    static final long MAX_LIFETIME_SECONDS = 86_400;
    /** Tokens are refused a second before exp (AuthorizationFilter.REVOCATION_MARGIN): shorter ones are born dead. */
    static final long MIN_LIFETIME_SECONDS = 2;
    static final long MAX_SKEW_SECONDS = 600;

    public static AuthSettings defaults() {
        return from(name -> Optional.empty());
    }

    /** Reads the settings through the module's reader: whole seconds in range, strict booleans. */
    public static AuthSettings from(Function<String, Optional<String>> source) {
        SettingReader settings = SettingReader.of(source);
        return new AuthSettings(
                Duration.ofSeconds(settings.wholeNumber(TOKEN_LIFETIME, 900L, MIN_LIFETIME_SECONDS,
                        MAX_LIFETIME_SECONDS)),
                Duration.ofSeconds(settings.wholeNumber(CLOCK_SKEW, 30L, 0L, MAX_SKEW_SECONDS)),
                settings.flag(BLACKLIST_FAIL_OPEN, false),
                settings.flag(READS_REQUIRE_AUTH, false),
                Duration.ofSeconds(settings.wholeNumber(CLEANUP_INTERVAL, 300L, 1L, MAX_LIFETIME_SECONDS)),
                new LoginLimits(
                        (int) settings.wholeNumber(LOGIN_MAX_FAILURES_PER_USER, 5L, 0L, 1_000_000L),
                        (int) settings.wholeNumber(LOGIN_MAX_FAILURES_PER_CLIENT, 20L, 0L, 1_000_000L),
                        Duration.ofSeconds(settings.wholeNumber(LOGIN_FAILURE_WINDOW, 300L, 1L, MAX_LIFETIME_SECONDS)),
                        Duration.ofMillis(settings.wholeNumber(LOGIN_FAILURE_MIN_MILLIS, 250L, 0L, 10_000L))));
    }
}
