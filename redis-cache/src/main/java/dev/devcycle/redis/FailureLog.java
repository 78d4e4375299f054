package dev.devcycle.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs Redis failures without flooding: one line per distinct failure (operation and exception type) per interval;
 * the line says how many like it were suppressed since the last one. An outage under load would otherwise write a
 * line per request. Written by hand because java.util.logging has no rate limiting.
 */
public final class FailureLog {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    private static final String MSG = "Redis {0} failed{1}: {2}; {3} similar failure(s) suppressed since last report";

    private final Logger logger;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public FailureLog(Logger logger) {
        this(logger, DEFAULT_INTERVAL, System::nanoTime);
    }

    FailureLog(Logger logger, Duration interval, LongSupplier clock) {
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
    }

    /** Records a failure; returns true when a line was written for it. */
    public boolean failure(String operation, Throwable error) {
        return failure(operation, null, error);
    }

    /**
     * Records a failure of an operation on a subject (e.g. a key). Failures are grouped by operation and exception
     * type only, so a stream of distinct keys neither floods the log nor grows this object.
     */
    public boolean failure(String operation, String subject, Throwable error) {
        String kind = operation + '|' + error.getClass().getName();
        Window window = windows.computeIfAbsent(kind, k -> new Window());
        long now = clock.getAsLong();
        long last = window.lastLogged.get();
        if (last != Long.MIN_VALUE && now - last < intervalNanos) {
            window.suppressed.incrementAndGet();
            return false;
        }
        if (!window.lastLogged.compareAndSet(last, now)) {
            window.suppressed.incrementAndGet();
            return false;
        }
        long suppressed = window.suppressed.getAndSet(0);
        logger.log(Level.WARNING, MSG, new Object[] {operation, subject == null ? "" : " for " + subject,
                describe(error), suppressed});
        return true;
    }

    /** The exception and, when it wraps or suppresses one, its root cause: Jedis' retry error hides the reason. */
    public static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.getClass().getSimpleName());
        if (error.getMessage() != null) {
            text.append(": ").append(error.getMessage());
        }
        Throwable cause = error.getCause() != null ? error.getCause()
                : error.getSuppressed().length > 0 ? error.getSuppressed()[0] : null;
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause != null) {
            text.append(" (caused by ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
            text.append(')');
        }
        return text.toString();
    }

    private static final class Window {
        final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }
}
