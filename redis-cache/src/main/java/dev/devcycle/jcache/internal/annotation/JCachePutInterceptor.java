package dev.devcycle.jcache.internal.annotation;

import javax.cache.annotation.CachePut;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * {@link CachePut} (JSR-107) on Jakarta CDI: Stores the {@code @CacheValue} argument, after the method returns unless {@code afterInvocation = false}. One instance serves every cache (the extension
 * makes the annotation's members non-binding); the work is in {@link AnnotatedCacheOperations}. Enabled by its
 * priority, inside a JTA {@code @Transactional} interceptor (platform priorities come first).
 */
@CachePut
@Interceptor
@Priority(JCachePutInterceptor.PRIORITY)
public class JCachePutInterceptor {

    /** After the module's own caching interceptors; remove-all, remove, put, result in that order. */
    public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 112;

    @Inject
    JCacheAnnotationSupport support;

    @AroundInvoke
    Object intercept(InvocationContext ic) throws Exception {
        return support.operations().put(ic.getMethod(), ic.getTarget(), ic.getParameters(), ic, ic::proceed);
    }
}
