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
 * Removes the entry of one key from a cache after the method returns normally (not when it throws). The key is built
 * from the arguments by the rules written on {@link CacheResult}, so
 * {@code @CacheInvalidate(cacheName = "agent:availability") void setStatus(@CacheKey String agentId, Status s)}
 * removes {@code devcycle:agent:availability:<agentId>}. Repeatable: one method may invalidate several caches.
 *
 * <p><b>Transactions.</b> When a JTA transaction is active the removal runs after it commits, and not at all when it
 * rolls back; without a transaction it runs at once.
 *
 * <p><b>Loads in flight.</b> A load of the same key that started before the invalidation (and so may have read the old
 * row) does not store its result: each key has a generation in Redis that the invalidation replaces, and a load stores
 * only when the generation it read before calling the method is still current.
 *
 * <p>A Redis failure is counted and logged, never thrown; the entry then expires with its TTL.
 */
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(CacheInvalidate.List.class)
public @interface CacheInvalidate {

    /** The cache to remove the key from. */
    @Nonbinding
    String cacheName();

    /** Several {@link CacheInvalidate} on one method. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @interface List {
        CacheInvalidate[] value();
    }
}
