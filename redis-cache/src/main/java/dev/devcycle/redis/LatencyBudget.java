package dev.devcycle.redis;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
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
    static final Duration DEFAULT = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofMinutes(10);

    public LatencyBudget {
        if (total == null || total.isZero() || total.isNegative()) {
            throw new IllegalArgumentException("latency budget must be positive");
        }
    }

    /** Reads {@code cache.timeout} from a source of raw values; see {@link SettingReader}. */
    public static LatencyBudget from(Function<String, Optional<String>> source) {
        return from(SettingReader.of(source));
    }

    /** Reads {@code cache.timeout}: a duration ({@code 100ms}, {@code 0.25s}), a bare number being milliseconds. */
    public static LatencyBudget from(SettingReader settings) {
        Duration value = settings.duration(PROPERTY, ChronoUnit.MILLIS).orElse(DEFAULT);
        if (value.compareTo(MAX) > 0) {
            throw settings.invalid(PROPERTY, "must be more than 0 and at most 10 minutes");
        }
        return new LatencyBudget(value);
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
}
