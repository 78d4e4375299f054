package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;

import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * The default {@link CacheKeyGenerator}: a {@link ParameterValuesKey} of the key parameters' values (the
 * {@code @CacheKey} parameters, else all but the {@code @CacheValue} one).
 */
public class ParameterValuesKeyGenerator implements CacheKeyGenerator {

    @Override
    public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
        CacheInvocationParameter[] parameters = context.getKeyParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            values[i] = parameters[i].getValue();
        }
        return new ParameterValuesKey(values);
    }
}
