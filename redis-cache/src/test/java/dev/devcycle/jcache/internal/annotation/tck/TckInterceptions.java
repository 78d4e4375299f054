package dev.devcycle.jcache.internal.annotation.tck;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.devcycle.jcache.internal.annotation.JCacheRemoveAllInterceptor;
import dev.devcycle.jcache.internal.annotation.JCacheResultInterceptor;

/**
 * Evidence that the TCK's annotation tests went through the module's interceptors: counting interceptors on the same
 * bindings, one outside them (every call of a TCK bean's annotated method) and, for {@code @CacheResult}, one inside
 * (the calls that reached the method body). More calls than executions means the module's interceptor answered calls
 * from the cache; the bindings themselves only exist because the module's extension declared them.
 */
public final class TckInterceptions {

    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    private TckInterceptions() {
    }

    static void count(String what, InvocationContext ic) {
        COUNTS.computeIfAbsent(what + "." + ic.getMethod().getDeclaringClass().getName(),
                k -> new AtomicInteger()).incrementAndGet();
    }

    static void count(String what) {
        COUNTS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    /** The counts so far, as "calls.CacheResult.manager.SomeImpl=7" and the like. */
    static Properties snapshot() {
        Properties out = new Properties();
        new TreeMap<>(COUNTS).forEach((k, v) -> out.setProperty(k, String.valueOf(v.get())));
        return out;
    }

    /** Every call of a {@code @CacheResult} method, before the module's interceptor. */
    @CacheResult
    @Interceptor
    @Priority(JCacheRemoveAllInterceptor.PRIORITY - 1)
    public static class ResultCalls {
        @AroundInvoke
        Object count(InvocationContext ic) throws Exception {
            TckInterceptions.count("calls.CacheResult", ic);
            return ic.proceed();
        }
    }

    /** The {@code @CacheResult} calls the module's interceptor let through to the method. */
    @CacheResult
    @Interceptor
    @Priority(JCacheResultInterceptor.PRIORITY + 1)
    public static class ResultExecutions {
        @AroundInvoke
        Object count(InvocationContext ic) throws Exception {
            TckInterceptions.count("executions.CacheResult", ic);
            return ic.proceed();
        }
    }

    /** Every call of a {@code @CacheRemove} method. */
    @CacheRemove
    @Interceptor
    @Priority(JCacheRemoveAllInterceptor.PRIORITY - 1)
    public static class RemoveCalls {
        @AroundInvoke
        Object count(InvocationContext ic) throws Exception {
            TckInterceptions.count("calls.CacheRemove", ic);
            return ic.proceed();
        }
    }

    /** Every call of a {@code @CacheRemoveAll} method. */
    @CacheRemoveAll
    @Interceptor
    @Priority(JCacheRemoveAllInterceptor.PRIORITY - 1)
    public static class RemoveAllCalls {
        @AroundInvoke
        Object count(InvocationContext ic) throws Exception {
            TckInterceptions.count("calls.CacheRemoveAll", ic);
            return ic.proceed();
        }
    }
}
