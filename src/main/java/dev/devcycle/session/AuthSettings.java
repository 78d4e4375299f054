package dev.devcycle.session;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.devcycle.redis.InvalidSettingException;

/**
 * Authentication settings, read once from MicroProfile Config (environment variable in brackets). See
 * {@code docs/security.md}.
 *
 * @param tokenLifetime          lifetime of a login's token ({@code AUTH_TOKEN_LIFETIME}, seconds, default 900)
 * @param clockSkew              how long after {@code exp} the verifier still accepts a token; must equal the
 *                               {@code mpJwt clockSkew} of server.xml, which reads the same variable
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

    public static AuthSettings from(Function<String, Optional<String>> source) {
        return new AuthSettings(
                Duration.ofSeconds(wholeNumber(source, TOKEN_LIFETIME, 900, MIN_LIFETIME_SECONDS, MAX_LIFETIME_SECONDS)),
                Duration.ofSeconds(wholeNumber(source, CLOCK_SKEW, 30, 0, MAX_SKEW_SECONDS)),
                bool(source, BLACKLIST_FAIL_OPEN, false),
                bool(source, READS_REQUIRE_AUTH, false),
                Duration.ofSeconds(wholeNumber(source, CLEANUP_INTERVAL, 300, 1, MAX_LIFETIME_SECONDS)),
                new LoginLimits(
                        (int) wholeNumber(source, LOGIN_MAX_FAILURES_PER_USER, 5, 0, 1_000_000),
                        (int) wholeNumber(source, LOGIN_MAX_FAILURES_PER_CLIENT, 20, 0, 1_000_000),
                        Duration.ofSeconds(wholeNumber(source, LOGIN_FAILURE_WINDOW, 300, 1, MAX_LIFETIME_SECONDS)),
                        Duration.ofMillis(wholeNumber(source, LOGIN_FAILURE_MIN_MILLIS, 250, 0, 10_000))));
    }

    private static long wholeNumber(Function<String, Optional<String>> source, String name, long dflt, long min,
                                long max) {
        Optional<String> raw = source.apply(name);
        if (raw.isEmpty() || raw.get().isBlank()) {
            return dflt;
        }
        long value;
        try {
            value = Long.parseLong(raw.get().trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(name, raw.get(), "is not a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidSettingException(name, raw.get(), "must be between " + min + " and " + max);
        }
        return value;
    }

    private static boolean bool(Function<String, Optional<String>> source, String name, boolean dflt) {
        Optional<String> raw = source.apply(name);
        if (raw.isEmpty() || raw.get().isBlank()) {
            return dflt;
        }
        return switch (raw.get().trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new InvalidSettingException(name, raw.get(), "must be true or false");
        };
    }
}
