package dev.devcycle.jcache.internal.annotation;

import javax.cache.annotation.CacheRemoveAll;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * {@link CacheRemoveAll} (JSR-107) on Jakarta CDI: Removes every entry of the cache, after the method returns unless {@code afterInvocation = false}. One instance serves every cache (the extension
 * makes the annotation's members non-binding); the work is in {@link AnnotatedCacheOperations}. Enabled by its
 * priority, inside a JTA {@code @Transactional} interceptor (platform priorities come first).
 */
@CacheRemoveAll
@Interceptor
@Priority(JCacheRemoveAllInterceptor.PRIORITY)
public class JCacheRemoveAllInterceptor {

    /** After the module's own caching interceptors; remove-all, remove, put, result in that order. */
    public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 110;

    @Inject
    JCacheAnnotationSupport support;

    @AroundInvoke
    Object intercept(InvocationContext ic) throws Exception {
        return support.operations().removeAll(ic.getMethod(), ic.getTarget(), ic.getParameters(), ic, ic::proceed);
    }
}
