package dev.devcycle.metrics;

/**
 * The hook for a circuit breaker around Redis: a CDI bean implementing this is published as the gauge
 * {@code redis_circuit_state{breaker="<name>"}} (0 closed, 1 open, 2 half-open). None exists yet. A breaker made
 * with MicroProfile Fault Tolerance's {@code @CircuitBreaker} needs no bean: with {@code mpMetrics} enabled,
 * Liberty publishes {@code ft_circuitbreaker_state_total} for it by itself.
 */
public interface CircuitState {

    int CLOSED = 0;
    int OPEN = 1;
    int HALF_OPEN = 2;

    /** The breaker's name, the {@code breaker} tag. */
    String name();

    /** {@link #CLOSED}, {@link #OPEN} or {@link #HALF_OPEN}; called at every scrape, so it must be cheap. */
    int state();
}
