package dev.devcycle.cache.internal.interceptor;

/** How a cached method delivers its value. */
enum ReturnKind {
    /** The value itself. */
    VALUE,
    /** {@code Optional<T>}: the contained value is cached, empty as null. */
    OPTIONAL,
    /** {@code CompletionStage<T>} or {@code CompletableFuture<T>}: the value it completes with is cached. */
    STAGE
}
