package dev.devcycle.cache.internal.interceptor;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.devcycle.cache.CacheResult;

/**
 * {@link CacheResult}: Looks the value up; on a miss proceeds and stores the result. One instance serves every cache
 * (the annotation's members are {@code @Nonbinding}); the work is in {@link CacheInvocations}. Priority order:
 * invalidate-all, invalidate, put, result, all inside a JTA {@code @Transactional} interceptor (platform priority),
 * so invalidations see its transaction.
 */
@CacheResult(cacheName = "")
@Interceptor
@Priority(CacheResultInterceptor.PRIORITY)
public class CacheResultInterceptor {

    public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 103;

    @Inject
    CacheInvocationsBean invocations;

    @AroundInvoke
    Object intercept(InvocationContext ic) throws Exception {
        return invocations.invocations().result(ic.getMethod(), ic.getParameters(), ic::proceed);
    }
}
