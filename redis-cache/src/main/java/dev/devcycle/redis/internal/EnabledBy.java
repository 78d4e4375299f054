package dev.devcycle.redis.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean the module contributes that an application can switch off: the bean is not deployed when the named
 * boolean property is {@code false} ({@link ContributedBeansExtension}); it is on by default.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EnabledBy {

    /** The property, e.g. {@code redis.health.enabled} (environment {@code REDIS_HEALTH_ENABLED}). */
    String value();
}
