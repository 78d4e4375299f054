package dev.devcycle.cache;

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
    private static final String MSG = "Redis {0} failed ({1}): {2}; {3} similar failure(s) suppressed since last report";

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
        logger.log(Level.WARNING, MSG,
                new Object[] {operation, error.getClass().getSimpleName(), error.getMessage(), suppressed});
        return true;
    }

    private static final class Window {
        final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }
}
