package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.GeneratedCacheKey;
import javax.cache.configuration.MutableConfiguration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Beans that are a resolver factory and a key generator: one cache per tenant, chosen at each call. */
public final class Tenancy {

    private Tenancy() {
    }

    /** The resolver factory, a CDI bean; it records what it was asked and handed. */
    @ApplicationScoped
    public static class TenantResolverFactory implements CacheResolverFactory {

        private final AtomicInteger resolversMade = new AtomicInteger();
        private final List<CacheInvocationContext<?>> contexts = new CopyOnWriteArrayList<>();

        public int resolversMade() {
            return resolversMade.get();
        }

        public List<CacheInvocationContext<?>> contexts() {
            return contexts;
        }

        @Override
        public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
            resolversMade.incrementAndGet();
            return new CacheResolver() {
                @Override
                public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
                    contexts.add(context);
                    String tenant = (String) context.getAllParameters()[0].getValue();
                    return cache(details.getCacheName() + "-" + tenant);
                }
            };
        }

        @Override
        public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
            throw new UnsupportedOperationException("no exception caches here");
        }

        // Synchronized: concurrent first calls would both create the tenant's cache, and the second would fail.
        @SuppressWarnings("unchecked")
        private static synchronized <K, V> Cache<K, V> cache(String name) {
            var manager = Caching.getCachingProvider().getCacheManager();
            Cache<K, V> cache = manager.getCache(name);
            return cache != null ? cache : manager.createCache(name, (MutableConfiguration<K, V>) new MutableConfiguration<>());
        }
    }

    /** A key generator bean with an injection: keys are the second parameter only. */
    @ApplicationScoped
    public static class SecondParameterKeyGenerator implements CacheKeyGenerator {

        @Inject
        Executions executions;

        @Override
        public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
            executions.ran("keyGenerator");
            return new ParameterValuesKey(context.getAllParameters()[1].getValue());
        }
    }

    /** The annotated bean using both. */
    @ApplicationScoped
    public static class Accounts {

        @Inject
        Executions executions;

        @CacheResult(cacheName = "balances", cacheResolverFactory = TenantResolverFactory.class,
                cacheKeyGenerator = SecondParameterKeyGenerator.class)
        public Long balance(String tenant, String account) {
            executions.ran("balance");
            return (long) (tenant + account).hashCode();
        }
    }
}
