package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;
import java.util.function.Supplier;

import javax.cache.Cache;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheResolver;

/** Resolves one cache, found once and looked up again only after it was closed. */
final class NamedCacheResolver implements CacheResolver {

    private final String name;
    private final Supplier<Cache<Object, Object>> lookup;
    private volatile Cache<Object, Object> cache;

    NamedCacheResolver(String name, Supplier<Cache<Object, Object>> lookup) {
        this.name = name;
        this.lookup = lookup;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
        Cache<Object, Object> current = cache;
        if (current == null || current.isClosed()) {
            current = lookup.get();
            cache = current;
        }
        return (Cache<K, V>) current;
    }

    @Override
    public String toString() {
        return "NamedCacheResolver[" + name + "]";
    }
}
