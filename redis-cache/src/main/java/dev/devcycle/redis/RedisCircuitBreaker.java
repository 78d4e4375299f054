package dev.devcycle.redis;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Skips Redis after repeated connection failures, so a dead or stalled Redis costs requests nothing instead of a
 * timeout each: after {@code REDIS_CIRCUIT_FAILURE_THRESHOLD} consecutive failures (default 5) the circuit opens for
 * {@code REDIS_CIRCUIT_OPEN_SECONDS} (default 5); then one command probes Redis (half-open) and closes the circuit
 * when it succeeds, re-opens it when it fails. No restart is needed.
 *
 * <p>Only connection errors, timeouts and refused authentication count: a refused password fails every new
 * connection, so without the breaker each request would open a connection of its own to be refused again. Other
 * error replies (NOPERM, OOM) show the connection works. Hand-written rather than MicroProfile Fault Tolerance because it sits under every Jedis
 * command (a {@link CircuitBreakingCommandExecutor}), where an interceptor cannot reach, and costs one volatile read
 * per command.
 */
public final class RedisCircuitBreaker {

    public static final String FAILURE_THRESHOLD = "redis.circuit.failure.threshold";
    public static final String OPEN_SECONDS = "redis.circuit.open.seconds";

    private static final Logger LOG = Logger.getLogger(RedisCircuitBreaker.class.getName());
    private static final String MSG_OPENED = "Redis circuit opened after {0} consecutive failures; skipping Redis for {1} ms";
    private static final String MSG_CLOSED = "Redis circuit closed: Redis answers again";

    /** The states of the circuit. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier clock;
    private final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong openedAt = new AtomicLong();
    private final AtomicLong timesOpened = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Throwable lastFailure;

    public RedisCircuitBreaker(int failureThreshold, Duration openDuration) {
        this(failureThreshold, openDuration, System::nanoTime);
    }

    RedisCircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.clock = clock;
    }

    /** A breaker that never opens. */
    public static RedisCircuitBreaker disabled() {
        return new RedisCircuitBreaker(Integer.MAX_VALUE, Duration.ZERO);
    }

    /** A breaker of the settings read from a source of raw values; see {@link SettingReader}. */
    public static RedisCircuitBreaker from(Function<String, Optional<String>> source) {
        return Settings.from(SettingReader.of(source)).newBreaker();
    }

    /**
     * The breaker's configuration: {@code REDIS_CIRCUIT_FAILURE_THRESHOLD} (1-1,000,000, default 5) and
     * {@code REDIS_CIRCUIT_OPEN_SECONDS} (1-3,600, default 5).
     *
     * @param failureThreshold consecutive failures that open the circuit
     * @param openDuration     how long Redis is skipped before one probe
     */
    public record Settings(int failureThreshold, Duration openDuration) {

        public static Settings from(SettingReader settings) {
            return new Settings(settings.wholeNumber(FAILURE_THRESHOLD, 5, 1, 1_000_000),
                    Duration.ofSeconds(settings.wholeNumber(OPEN_SECONDS, 5, 1, 3_600)));
        }

        /** A new breaker, closed. */
        public RedisCircuitBreaker newBreaker() {
            return new RedisCircuitBreaker(failureThreshold, openDuration);
        }
    }

    /**
     * Whether a command may go to Redis now. While open, false until the open period ends; then true for exactly
     * one caller (the probe) until its outcome is recorded.
     */
    public boolean allowRequest() {
        State current = state.get();
        if (current == State.CLOSED) {
            return true;
        }
        if (current == State.OPEN && clock.getAsLong() - openedAt.get() >= openNanos
                && state.compareAndSet(State.OPEN, State.HALF_OPEN)) {
            return true;
        }
        rejected.incrementAndGet();
        return false;
    }

    public void onSuccess() {
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
        if (state.get() != State.CLOSED && state.getAndSet(State.CLOSED) != State.CLOSED) {
            LOG.info(MSG_CLOSED);
        }
    }

    /** Records a failure and its cause, which readiness shows while the circuit is not closed. */
    public void onFailure(Throwable cause) {
        lastFailure = cause;
        onFailure();
    }

    /** The cause of the latest failure, if one was given. */
    public Optional<Throwable> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    public void onFailure() {
        int failures = consecutiveFailures.incrementAndGet();
        State current = state.get();
        if (current == State.HALF_OPEN || (current == State.CLOSED && failures >= failureThreshold)) {
            openedAt.set(clock.getAsLong());
            if (state.getAndSet(State.OPEN) != State.OPEN) {
                timesOpened.incrementAndGet();
                LOG.log(Level.WARNING, MSG_OPENED, new Object[] {failures, openNanos / 1_000_000});
            }
        }
    }

    public State state() {
        return state.get();
    }

    /** How often the circuit has opened since start. */
    public long timesOpened() {
        return timesOpened.get();
    }

    /** Commands skipped because the circuit was open. */
    public long rejected() {
        return rejected.get();
    }
}
