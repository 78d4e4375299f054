package dev.devcycle.cache.internal;

import java.util.function.Supplier;

import dev.devcycle.redis.FailureLog;

/**
 * Runs the Redis commands of one cache fail-open: a failure is counted as the cache's error, logged without flooding
 * ({@link FailureLog}), and becomes {@code null}, so the caller carries on as on a miss.
 */
public final class FailOpen {

    private final FailureLog failures;
    private final Runnable countError;
    private final String context;

    /**
     * @param countError counts one failed command in the cache's statistics
     * @param context    appended to the operation in log lines, e.g. {@code " on cache agent:load"}
     */
    public FailOpen(FailureLog failures, Runnable countError, String context) {
        this.failures = failures;
        this.countError = countError;
        this.context = context;
    }

    /** The command's result, or {@code null} when it failed. */
    public <R> R quietly(String operation, Supplier<R> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            failed(operation, e);
            return null;
        }
    }

    /** Counts and logs one failed command. */
    public void failed(String operation, RuntimeException e) {
        countError.run();
        failures.failure(operation + context, e);
    }

    /** The log the cache reports to (also for values it refuses or cannot read). */
    public FailureLog failures() {
        return failures;
    }
}
