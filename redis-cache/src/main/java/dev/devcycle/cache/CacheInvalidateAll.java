package dev.devcycle.cache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Removes every entry of a cache after the method returns normally (SCAN + UNLINK in batches, never KEYS).
 * Repeatable. Runs before {@link CacheInvalidate} and {@link CacheResult} interceptors are entered (lowest priority).
 *
 * <p>As for {@link CacheInvalidate}: after commit when a JTA transaction is active (never after a rollback), at once
 * otherwise; a load in flight when the cache is cleared does not store its result (the cache's generation changed).
 */
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(CacheInvalidateAll.List.class)
public @interface CacheInvalidateAll {

    /** The cache to clear. */
    @Nonbinding
    String cacheName();

    /** Several {@link CacheInvalidateAll} on one method. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @interface List {
        CacheInvalidateAll[] value();
    }
}
