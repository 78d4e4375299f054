package dev.devcycle.cache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter as part of the cache key of a {@link CacheResult}, {@link CachePut} or {@link CacheInvalidate}
 * method; the other parameters are then ignored for the key. See {@link CacheResult} for the key rules.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CacheKey {
}
