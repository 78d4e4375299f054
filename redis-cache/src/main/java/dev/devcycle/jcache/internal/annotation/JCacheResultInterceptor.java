package dev.devcycle.jcache.internal.annotation;

import javax.cache.annotation.CacheResult;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * {@link CacheResult} (JSR-107) on Jakarta CDI: Looks the key up (and the exception cache); on a miss invokes the method and stores its result. One instance serves every cache (the extension
 * makes the annotation's members non-binding); the work is in {@link AnnotatedCacheOperations}. Enabled by its
 * priority, inside a JTA {@code @Transactional} interceptor (platform priorities come first).
 */
@CacheResult
@Interceptor
@Priority(JCacheResultInterceptor.PRIORITY)
public class JCacheResultInterceptor {

    /** After the module's own caching interceptors; remove-all, remove, put, result in that order. */
    public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 113;

    @Inject
    JCacheAnnotationSupport support;

    @AroundInvoke
    Object intercept(InvocationContext ic) throws Exception {
        return support.operations().result(ic.getMethod(), ic.getTarget(), ic.getParameters(), ic, ic::proceed);
    }
}
