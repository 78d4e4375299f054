package dev.devcycle.cache.internal.interceptor;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.devcycle.cache.CachePut;

/**
 * {@link CachePut}: Proceeds and stores the result. One instance serves every cache (the annotation's members are
 * {@code @Nonbinding}); the work is in {@link CacheInvocations}. Priority order: invalidate-all, invalidate, put,
 * result, all inside a JTA {@code @Transactional} interceptor (platform priority), so invalidations see its
 * transaction.
 */
@CachePut(cacheName = "")
@Interceptor
@Priority(CachePutInterceptor.PRIORITY)
public class CachePutInterceptor {

    public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 102;

    @Inject
    CacheInvocationsBean invocations;

    @AroundInvoke
    Object intercept(InvocationContext ic) throws Exception {
        return invocations.invocations().put(ic.getMethod(), ic.getParameters(), ic::proceed);
    }
}
