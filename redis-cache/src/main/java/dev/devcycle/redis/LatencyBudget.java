package dev.devcycle.redis;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The most one Redis operation may cost a request ({@code CACHE_TIMEOUT}, property {@code cache.timeout}; default
 * {@value #DEFAULT_TEXT}). Redis is an accelerator: a stalled Redis must cost a request at most this, after which the
 * cache misses and the database answers. It caps, for every command of the pooled client, the read and connect
 * timeouts of each attempt (the budget shared by the attempts: halves with retry on), the wait for a pooled
 * connection, and the time within which a retry may start. {@code REDIS_SOCKET_TIMEOUT} and
 * {@code REDIS_SOCKET_CONNECT_TIMEOUT} stay upper bounds; set {@code CACHE_TIMEOUT} above them to make them rule.
 *
 * <p>Values: {@code 100ms}, {@code 0.25s}, {@code 2s}, or a plain number of milliseconds.
 */
public record LatencyBudget(Duration total) {

    public static final String PROPERTY = "cache.timeout";
    static final String DEFAULT_TEXT = "100ms";

    public LatencyBudget {
        if (total == null || total.isZero() || total.isNegative()) {
            throw new IllegalArgumentException("latency budget must be positive");
        }
    }

    public static LatencyBudget from(Function<String, Optional<String>> source) {
        String raw = source.apply(PROPERTY).map(String::trim).filter(s -> !s.isEmpty()).orElse(DEFAULT_TEXT);
        return new LatencyBudget(parse(raw));
    }

    /** The settings with every timeout capped by this budget, spread over the attempts a command may make. */
    public RedisSettings applyTo(RedisSettings settings) {
        Duration perAttempt = total.dividedBy(RedisClientFactory.maxAttempts(settings));
        if (perAttempt.isZero()) {
            perAttempt = Duration.ofMillis(1);
        }
        return new RedisSettings(settings.host(), settings.port(), settings.password(), settings.database(),
                settings.maxConnections(), min(settings.socketTimeout(), perAttempt),
                min(settings.connectTimeout(), perAttempt), settings.retryOnTimeout());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static Duration parse(String raw) {
        String text = raw.toLowerCase(Locale.ROOT);
        try {
            Duration value;
            if (text.endsWith("ms")) {
                value = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
            } else if (text.endsWith("s")) {
                value = Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            } else {
                value = Duration.ofMillis(Long.parseLong(text));
            }
            if (value.isZero() || value.isNegative() || value.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new InvalidSettingException(PROPERTY, raw, "must be more than 0 and at most 10 minutes");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(PROPERTY, raw, "is not a duration such as 100ms or 0.5s");
        }
    }
}
