package dev.devcycle.cache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;

/**
 * Selects the key namespace of an injected {@link RedisCache}: {@code @Inject @CacheNamespace("my_app:") RedisCache}
 * stores and finds every key under {@code my_app:}. Without this qualifier the namespace is
 * {@value RedisCache#DEFAULT_NAMESPACE}.
 *
 * <p>The value is {@link Nonbinding}, so one producer serves every namespace; caches of the same namespace share
 * their statistics.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface CacheNamespace {

    /** The key prefix, usually ending in {@code :}; must not be empty. */
    @Nonbinding
    String value();
}
