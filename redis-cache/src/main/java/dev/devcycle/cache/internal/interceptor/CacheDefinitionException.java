package dev.devcycle.cache.internal.interceptor;

import java.lang.reflect.Method;

/** A cache annotation that cannot work where it is; reported at deployment, naming the method. */
public class CacheDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CacheDefinitionException(Method method, String problem) {
        super("Cache annotation on " + describe(method) + ": " + problem);
    }

    public CacheDefinitionException(Class<?> type, String problem) {
        super("Cache annotation on " + type.getName() + ": " + problem);
    }

    static String describe(Method method) {
        StringBuilder out = new StringBuilder(method.getDeclaringClass().getName()).append('.')
                .append(method.getName()).append('(');
        Class<?>[] params = method.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            out.append(i == 0 ? "" : ", ").append(params[i].getSimpleName());
        }
        return out.append(')').toString();
    }
}
