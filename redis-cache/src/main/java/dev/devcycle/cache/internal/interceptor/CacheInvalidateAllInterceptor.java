package dev.devcycle.cache.internal.interceptor;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.devcycle.cache.CacheInvalidateAll;

/**
 * {@link CacheInvalidateAll}: Proceeds, then clears the caches. One instance serves every cache (the annotation's
 * members are {@code @Nonbinding}); the work is in {@link CacheInvocations}. Priority order: invalidate-all,
 * invalidate, put, result, all inside a JTA {@code @Transactional} interceptor (platform priority), so invalidations
 * see its transaction.
 */
@CacheInvalidateAll(cacheName = "")
@Interceptor
@Priority(CacheInvalidateAllInterceptor.PRIORITY)
public class CacheInvalidateAllInterceptor {

    public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 100;

    @Inject
    CacheInvocationsBean invocations;

    @AroundInvoke
    Object intercept(InvocationContext ic) throws Exception {
        return invocations.invocations().invalidateAll(ic.getMethod(), ic::proceed);
    }
}
