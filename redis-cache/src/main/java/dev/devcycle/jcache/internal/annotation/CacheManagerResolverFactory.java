package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * The default {@link CacheResolverFactory}: caches by name from one {@link CacheManager} (by default the default
 * manager of {@link Caching#getCachingProvider()}), a missing cache created with a default
 * {@link MutableConfiguration}, as the specification describes the default. Applications that want another
 * configuration create the cache first (or produce their own {@code CacheManager} bean, see
 * {@link JCacheAnnotationSupport}).
 *
 * <p>The resolvers keep the cache they found and look it up again once it is closed (a
 * {@link CacheManager#destroyCache} or a closed manager), so a cache destroyed and re-created by the application
 * is picked up instead of failing every call.
 */
public class CacheManagerResolverFactory implements CacheResolverFactory, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CacheManagerResolverFactory.class.getName());
    private static final String MSG_CREATED = "Cache ''{0}'' did not exist in {1}; created it with the default"
            + " configuration for {2}";
    private static final String NO_EXCEPTION_CACHE = "%s names no exceptionCacheName";

    private final Supplier<CacheManager> managers;
    private final boolean ownsManager;
    private volatile CacheManager manager;

    /** Over the default manager of the one {@link CachingProvider} ({@link Caching#getCachingProvider()}). */
    public CacheManagerResolverFactory() {
        this(() -> Caching.getCachingProvider().getCacheManager(), true);
    }

    /** Over the managers a supplier gives (asked again when the last one was closed); closing leaves them open. */
    public CacheManagerResolverFactory(Supplier<CacheManager> managers) {
        this(managers, false);
    }

    private CacheManagerResolverFactory(Supplier<CacheManager> managers, boolean ownsManager) {
        this.managers = managers;
        this.ownsManager = ownsManager;
    }

    @Override
    public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
        String name = details.getCacheName();
        return new NamedCacheResolver(name, () -> cache(name, details));
    }

    @Override
    public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
        String name = details.getCacheAnnotation().exceptionCacheName().trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(String.format(NO_EXCEPTION_CACHE, details));
        }
        return new NamedCacheResolver(name, () -> cache(name, details));
    }

    /**
     * Closes the default manager this factory obtained, so an undeployed application leaves no connections behind.
     * A manager from a supplier belongs to whoever supplied it and stays open.
     */
    @Override
    public void close() {
        CacheManager current = manager;
        manager = null;
        if (ownsManager && current != null) {
            current.close();
        }
    }

    private Cache<Object, Object> cache(String name, CacheMethodDetails<?> details) {
        CacheManager current = manager();
        Cache<Object, Object> cache = current.getCache(name);
        if (cache != null) {
            return cache;
        }
        try {
            cache = current.createCache(name, new MutableConfiguration<>());
            LOG.log(Level.INFO, MSG_CREATED, new Object[] {name, current.getURI(), details});
            return cache;
        } catch (CacheException raced) {
            // Another call (or another application instance) created it between the two steps.
            cache = current.getCache(name);
            if (cache == null) {
                throw raced;
            }
            return cache;
        }
    }

    private CacheManager manager() {
        CacheManager current = manager;
        if (current == null || current.isClosed()) {
            synchronized (this) {
                current = manager;
                if (current == null || current.isClosed()) {
                    current = managers.get();
                    manager = current;
                }
            }
        }
        return current;
    }
}
