package dev.devcycle.jcache.internal.annotation;

import java.lang.reflect.Method;
import java.util.StringJoiner;

/**
 * A JSR-107 annotation that cannot work where it is (two caching annotations on one method, a {@code @CachePut}
 * without its {@code @CacheValue}, ...). The CDI extension reports it as a definition error, so the deployment fails
 * naming the method instead of the first call.
 */
public class CacheAnnotationDefinitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public CacheAnnotationDefinitionException(Method method, String problem) {
        super("JCache annotation on " + describe(method) + ": " + problem);
    }

    public CacheAnnotationDefinitionException(Class<?> type, String problem) {
        super("JCache annotation on " + type.getName() + ": " + problem);
    }

    static String describe(Method method) {
        StringJoiner params = new StringJoiner(", ", "(", ")");
        for (Class<?> type : method.getParameterTypes()) {
            params.add(type.getSimpleName());
        }
        return method.getDeclaringClass().getName() + '.' + method.getName() + params;
    }
}
