package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;
import java.util.Locale;

import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.GeneratedCacheKey;

/** A key generator that is no bean (made by its constructor): keys ignore the case of the first parameter. */
public class CaseInsensitiveKeyGenerator implements CacheKeyGenerator {

    @Override
    public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
        return new ParameterValuesKey(String.valueOf(context.getKeyParameters()[0].getValue())
                .toLowerCase(Locale.ROOT));
    }
}
