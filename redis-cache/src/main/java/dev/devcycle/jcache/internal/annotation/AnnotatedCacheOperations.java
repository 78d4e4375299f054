package dev.devcycle.jcache.internal.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.cache.Cache;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * What the four JSR-107 interceptors do, in plain Java with no container: an interceptor hands over the method, the
 * target, the arguments and a way to proceed. Each operation first checks that its annotation is the one that applies
 * to the method (a method's own annotation overrides its class's, so on such a method the class's interceptor only
 * proceeds); per-method metadata is read once and memoised, so a call costs a map lookup, the key and the cache
 * operations.
 *
 * <p>Semantics are the specification's (the annotations' javadoc): {@code @CacheResult} returns a cached value or a
 * cached exception, else invokes and stores a non-null result (or an exception its rules select); {@code @CachePut},
 * {@code @CacheRemove} and {@code @CacheRemoveAll} act after a normal return, or before the invocation with
 * {@code afterInvocation = false}, and after an exception only when their include/exclude lists select it. A failure
 * of the cache itself ({@link javax.cache.CacheException}) reaches the caller, as a direct call of the {@link Cache}
 * would; one that happens while the method's own exception is being cached is added to that exception as suppressed.
 */
public final class AnnotatedCacheOperations {

    private static final Logger LOG = Logger.getLogger(AnnotatedCacheOperations.class.getName());
    private static final String MSG_CACHE_FAILED_AFTER_EXCEPTION = "{0}: the cache failed while handling the method''s"
            + " exception {1}; the exception is thrown with the failure suppressed";

    /** The intercepted method's continuation (in CDI {@code InvocationContext::proceed}). */
    @FunctionalInterface
    public interface Proceed {
        Object proceed() throws Exception;
    }

    private final CacheMethods methods;

    /**
     * @param components the container's instance of a key generator or resolver factory type, or {@code null} when
     *                   it manages none (then the type's public no-argument constructor makes one)
     * @param defaultFactory the resolver factory of methods that name none, asked on the first call that needs it
     */
    public AnnotatedCacheOperations(Function<Class<?>, Object> components,
                                    Supplier<? extends CacheResolverFactory> defaultFactory) {
        this.methods = new CacheMethods(components, defaultFactory);
    }

    /**
     * Reads the annotations of a method as its calls will (so a deployment can check them early).
     *
     * @return the descriptor, or {@code null} when no caching annotation applies
     * @throws CacheAnnotationDefinitionException when the annotations cannot work on the method
     */
    public CacheMethodDescriptor<?> describe(Method method, Class<?> targetClass) {
        return CacheMethodDescriptor.read(method, targetClass);
    }

    /** {@code @CacheResult}. */
    public Object result(Method method, Object target, Object[] arguments, Object invocation, Proceed proceed)
            throws Exception {
        CacheMethods.Entry entry = methods.entry(method, target.getClass());
        if (!entry.is(CacheAnnotationKind.RESULT)) {
            return proceed.proceed();
        }
        ResolvedCacheMethod m = entry.resolved();
        KeyedMethodInvocation<?> context = new KeyedMethodInvocation<>(m.descriptor(), target, arguments, invocation);
        Cache<Object, Object> cache = m.resolver().resolveCache(context);
        Cache<Object, Object> exceptions = m.exceptionResolver() == null ? null
                : m.exceptionResolver().resolveCache(context);
        GeneratedCacheKey key = m.keyGenerator().generateCacheKey(context);
        if (!m.descriptor().skipGet()) {
            Object cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            if (exceptions != null && exceptions.get(key) instanceof Throwable thrown) {
                throw rethrow(thrown);
            }
        }
        Object value;
        try {
            value = proceed.proceed();
        } catch (Exception | Error e) {
            if (exceptions != null && m.exceptionFilter().test(e)) {
                whileThrowing(e, m, () -> exceptions.put(key, e));
            }
            throw e;
        }
        if (value != null) {
            cache.put(key, value);
        }
        return value;
    }

    /** {@code @CachePut}: stores the {@code @CacheValue} argument; a {@code null} one removes the key. */
    public Object put(Method method, Object target, Object[] arguments, Object invocation, Proceed proceed)
            throws Exception {
        return around(CacheAnnotationKind.PUT, method, target, arguments, invocation, proceed, (cache, key, call) -> {
            Object value = call.parameter(call.descriptor().valuePosition()).getValue();
            // JCache has no null values; leaving the old one would serve what the method just replaced.
            if (value == null) {
                cache.remove(key);
            } else {
                cache.put(key, value);
            }
        });
    }

    /** {@code @CacheRemove}. */
    public Object remove(Method method, Object target, Object[] arguments, Object invocation, Proceed proceed)
            throws Exception {
        return around(CacheAnnotationKind.REMOVE, method, target, arguments, invocation, proceed,
                (cache, key, call) -> cache.remove(key));
    }

    /** {@code @CacheRemoveAll}: {@link Cache#removeAll()}, as the specification says (listeners and writers see it). */
    public Object removeAll(Method method, Object target, Object[] arguments, Object invocation, Proceed proceed)
            throws Exception {
        return around(CacheAnnotationKind.REMOVE_ALL, method, target, arguments, invocation, proceed,
                (cache, key, call) -> cache.removeAll());
    }

    /** What {@code @CachePut}, {@code @CacheRemove} or {@code @CacheRemoveAll} does to the resolved cache. */
    @FunctionalInterface
    private interface CacheAction {
        /** @param key the generated key, {@code null} for {@code @CacheRemoveAll} */
        void apply(Cache<Object, Object> cache, GeneratedCacheKey key, MethodInvocation<?> call);
    }

    // afterInvocation = false: act, then invoke. true: invoke, then act; after an exception act only when the
    // annotation's lists select it.
    private Object around(CacheAnnotationKind kind, Method method, Object target, Object[] arguments,
                          Object invocation, Proceed proceed, CacheAction action) throws Exception {
        CacheMethods.Entry entry = methods.entry(method, target.getClass());
        if (!entry.is(kind)) {
            return proceed.proceed();
        }
        ResolvedCacheMethod m = entry.resolved();
        MethodInvocation<?> call = kind.keyed()
                ? new KeyedMethodInvocation<>(m.descriptor(), target, arguments, invocation)
                : new MethodInvocation<>(m.descriptor(), target, arguments, invocation);
        Runnable act = () -> action.apply(m.resolver().resolveCache(call),
                kind.keyed() ? m.keyGenerator().generateCacheKey((KeyedMethodInvocation<?>) call) : null, call);
        boolean after = m.descriptor().afterInvocation();
        if (!after) {
            act.run();
        }
        Object result;
        try {
            result = proceed.proceed();
        } catch (Exception | Error e) {
            if (after && m.exceptionFilter().test(e)) {
                whileThrowing(e, m, act);
            }
            throw e;
        }
        if (after) {
            act.run();
        }
        return result;
    }

    // The method's exception is what the caller must see; a cache failure on the way is attached to it.
    private static void whileThrowing(Throwable thrown, ResolvedCacheMethod m, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException failure) {
            thrown.addSuppressed(failure);
            LOG.log(Level.WARNING, MSG_CACHE_FAILED_AFTER_EXCEPTION, new Object[] {m.descriptor(), thrown});
        }
    }

    private static Exception rethrow(Throwable cached) throws Exception {
        if (cached instanceof Exception e) {
            throw e;
        }
        if (cached instanceof Error e) {
            throw e;
        }
        throw new UndeclaredThrowableException(cached);
    }
}
