package dev.devcycle.cache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Always calls the method and stores its result under the key built from the arguments (rules on
 * {@link CacheResult}), replacing any entry; loads of the same key in flight do not overwrite it. A {@code null}
 * result removes the entry instead (or stores a negative entry when negative caching is configured). Exceptions
 * propagate and store nothing. Inside a JTA transaction the store runs after commit, never after a rollback.
 * {@code CompletionStage} results are stored when the stage completes normally.
 */
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CachePut {

    /** The cache to store into. */
    @Nonbinding
    String cacheName();

    /** Time to live, as for {@link CacheResult#ttl()}; {@code cache.<name>.ttl} wins over it. */
    @Nonbinding
    String ttl() default "";
}
