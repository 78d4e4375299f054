package dev.devcycle.cache.internal;

/** Computes a value on a cache miss: the intercepted method, in practice. */
@FunctionalInterface
public interface CacheLoader<T> {

    /** The value; may throw whatever the method throws, which the cache passes on unchanged. */
    T load() throws Exception;
}
