package dev.devcycle.cache.internal.interceptor;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.devcycle.cache.CacheInvalidate;

/**
 * {@link CacheInvalidate}: Proceeds, then removes the key's entries. One instance serves every cache (the
 * annotation's members are {@code @Nonbinding}); the work is in {@link CacheInvocations}. Priority order:
 * invalidate-all, invalidate, put, result, all inside a JTA {@code @Transactional} interceptor (platform priority),
 * so invalidations see its transaction.
 */
@CacheInvalidate(cacheName = "")
@Interceptor
@Priority(CacheInvalidateInterceptor.PRIORITY)
public class CacheInvalidateInterceptor {

    public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 101;

    @Inject
    CacheInvocationsBean invocations;

    @AroundInvoke
    Object intercept(InvocationContext ic) throws Exception {
        return invocations.invocations().invalidate(ic.getMethod(), ic.getParameters(), ic::proceed);
    }
}
