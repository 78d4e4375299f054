package dev.devcycle.cache.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The loads in progress in this JVM, by Redis key: concurrent misses of one key share one load, the first caller's,
 * and the others wait for its result (at most the lock-wait). Across instances the same is done by the Redis lease
 * ({@link LoadLease}).
 */
final class SingleFlight {

    private final Map<String, CompletableFuture<Object>> inflight = new ConcurrentHashMap<>();

    /** Registers the caller's load of a key; returns the load already running instead, if there is one. */
    CompletableFuture<Object> join(String redisKey, CompletableFuture<Object> mine) {
        return inflight.putIfAbsent(redisKey, mine);
    }

    /** The caller's load is over (completed or failed). */
    void done(String redisKey, CompletableFuture<Object> mine) {
        inflight.remove(redisKey, mine);
    }

    /** Callers arriving from now on start a new load rather than join one that may have read the old row. */
    void forget(String redisKey) {
        inflight.remove(redisKey);
    }

    /** As {@link #forget} for every key of a cache. */
    void forgetAll(String keyPrefix) {
        inflight.keySet().removeIf(k -> k.startsWith(keyPrefix));
    }

    /** {@link #await} waited long enough. */
    static final Object TIMED_OUT = new Object();
    /** {@link #await} was interrupted (the thread's flag is set again). */
    static final Object INTERRUPTED = new Object();

    /**
     * The result of another caller's load, waiting at most {@code wait}.
     *
     * @return the value, or {@link #TIMED_OUT} or {@link #INTERRUPTED}
     * @throws Exception what the shared load threw, unchanged: every caller sharing it sees it
     */
    static Object await(CompletableFuture<Object> running, Duration wait) throws Exception {
        try {
            return running.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return INTERRUPTED;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** A copy of a shared stage, completing with its value or, unwrapped, its failure. */
    @SuppressWarnings("unchecked")
    static <T> CompletableFuture<T> follow(CompletionStage<Object> stage) {
        CompletableFuture<T> copy = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error == null) {
                copy.complete((T) value);
            } else {
                copy.completeExceptionally(unwrap(error));
            }
        });
        return copy;
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
