package dev.devcycle.cache.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The load of a miss for a loader that returns a stage ({@code CompletionStage}/{@code CompletableFuture} methods):
 * the value is stored when the stage completes normally; a failed stage stores nothing. Concurrent callers in this
 * JVM share the stage; a caller does not wait for another instance's lease (that would block the calling thread) but
 * loads and stores under the same generation rules.
 */
final class AsyncLoad {

    private final CacheContext cache;
    private final SingleFlight flights;
    private final LoadLease lease;

    AsyncLoad(CacheContext cache, SingleFlight flights, LoadLease lease) {
        this.cache = cache;
        this.flights = flights;
        this.lease = lease;
    }

    /**
     * Loads a key that missed.
     *
     * @param redisFailed Redis just failed the caller's GET: no lease, nothing stored
     * @return a stage completing with the value, or exceptionally with the loader's exception unchanged; {@code null}
     *         when the loader returned {@code null}
     */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> load(String redisKey, java.lang.reflect.Type type, CacheSettings settings,
                                  CacheLoader<? extends CompletionStage<T>> loader, boolean redisFailed)
            throws Exception {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = flights.join(redisKey, mine);
        if (running != null) {
            cache.counters().suppressedLoad();
            return SingleFlight.follow(running);
        }
        String token = redisFailed ? "" : LoadLease.newToken();
        LoadLease.Ticket ticket = redisFailed ? null : lease.begin(redisKey, token, settings);
        if (ticket != null && ticket.found()) {
            Read found = cache.decode(redisKey, ticket.value(), type, settings);
            if (found.hit()) {
                mine.complete(found.value());
                flights.done(redisKey, mine);
                return CompletableFuture.completedFuture((T) found.value());
            }
        }
        long started = System.nanoTime();
        CompletionStage<T> stage;
        try {
            stage = loader.load();
        } catch (Throwable e) {
            cache.counters().load(System.nanoTime() - started);
            lease.release(redisKey, ticket, token);
            mine.completeExceptionally(e);
            flights.done(redisKey, mine);
            throw e;
        }
        if (stage == null) {
            // Not a stage to cache: nothing to store, callers sharing the load get null.
            cache.counters().load(System.nanoTime() - started);
            lease.release(redisKey, ticket, token);
            mine.complete(null);
            flights.done(redisKey, mine);
            return null;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            cache.counters().load(System.nanoTime() - started);
            Throwable cause = SingleFlight.unwrap(error);
            try {
                if (cause == null && ticket != null) {
                    lease.store(redisKey, ticket, token, value, settings, started);
                } else {
                    lease.release(redisKey, ticket, token);
                }
            } finally {
                flights.done(redisKey, mine);
                // Completed after the store, so a caller's next call after completion is a hit.
                if (cause == null) {
                    mine.complete(value);
                    result.complete(value);
                } else {
                    mine.completeExceptionally(cause);
                    result.completeExceptionally(cause);
                }
            }
        });
        return result;
    }
}
