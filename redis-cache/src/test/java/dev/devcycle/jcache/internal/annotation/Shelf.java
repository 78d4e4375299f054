package dev.devcycle.jcache.internal.annotation;

import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code @CacheDefaults} names the cache and the key generator of the class; {@code @CacheResult} on the class
 * applies to each method without an annotation of its own.
 */
@ApplicationScoped
@CacheDefaults(cacheName = "shelf", cacheKeyGenerator = CaseInsensitiveKeyGenerator.class)
@CacheResult
public class Shelf {

    @Inject
    Executions executions;

    public String label(String code) {
        executions.ran("label");
        return "label " + code;
    }

    public String colour(String code) {
        executions.ran("colour");
        return "colour " + code;
    }

    @CacheRemove
    public void relabel(String code) {
        executions.ran("relabel");
    }

    @Override
    public String toString() {
        executions.ran("toString");
        return "Shelf";
    }
}
