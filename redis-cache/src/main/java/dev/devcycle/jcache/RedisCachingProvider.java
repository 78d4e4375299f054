package dev.devcycle.jcache;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;

import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The module's JCache (JSR-107 1.1.1) provider: caches in Redis through the module's Jedis client, in every topology
 * the module supports. Found by {@code ServiceLoader} ({@code Caching.getCachingProvider()}); one
 * {@link RedisCacheManager} per URI and class loader until it is closed.
 *
 * <p>The default URI is {@value #DEFAULT_URI_TEXT}; a {@code redis://host:port/db} URI names the Redis, and any URI's
 * query and the vendor properties carry the settings (docs/jcache.md, "Configuration"). Store-by-reference is not
 * supported ({@link #isSupported}), since entries live in Redis.
 */
public final class RedisCachingProvider implements CachingProvider {

    static final String DEFAULT_URI_TEXT = "devcycle:jcache";
    /** The URI of the default cache manager. */
    public static final URI DEFAULT_URI = URI.create(DEFAULT_URI_TEXT);

    private final Map<ClassLoader, Map<URI, RedisCacheManager>> managers = new WeakHashMap<>();

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Properties props = properties == null ? new Properties() : properties;
        synchronized (managers) {
            Map<URI, RedisCacheManager> byUri = managers.computeIfAbsent(loader, l -> new HashMap<>());
            RedisCacheManager manager = byUri.get(managerUri);
            if (manager == null || manager.isClosed()) {
                manager = new RedisCacheManager(this, managerUri, loader, props);
                byUri.put(managerUri, manager);
            }
            return manager;
        }
    }

    @Override
    public ClassLoader getDefaultClassLoader() {
        return getClass().getClassLoader();
    }

    @Override
    public URI getDefaultURI() {
        return DEFAULT_URI;
    }

    @Override
    public Properties getDefaultProperties() {
        return new Properties();
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
        return getCacheManager(uri, classLoader, getDefaultProperties());
    }

    @Override
    public CacheManager getCacheManager() {
        return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
    }

    @Override
    public void close() {
        List<RedisCacheManager> all = new ArrayList<>();
        synchronized (managers) {
            managers.values().forEach(byUri -> all.addAll(byUri.values()));
            managers.clear();
        }
        all.forEach(RedisCacheManager::close);
    }

    @Override
    public void close(ClassLoader classLoader) {
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Map<URI, RedisCacheManager> byUri;
        synchronized (managers) {
            byUri = managers.remove(loader);
        }
        if (byUri != null) {
            new ArrayList<>(byUri.values()).forEach(RedisCacheManager::close);
        }
    }

    @Override
    public void close(URI uri, ClassLoader classLoader) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        RedisCacheManager manager;
        synchronized (managers) {
            Map<URI, RedisCacheManager> byUri = managers.get(loader);
            manager = byUri == null ? null : byUri.remove(managerUri);
            if (byUri != null && byUri.isEmpty()) {
                managers.remove(loader);
            }
        }
        if (manager != null) {
            manager.close();
        }
    }

    /** Store-by-reference: no (entries live in Redis, shared between processes). */
    @Override
    public boolean isSupported(OptionalFeature optionalFeature) {
        return false;
    }

    void release(RedisCacheManager manager) {
        synchronized (managers) {
            Map<URI, RedisCacheManager> byUri = managers.get(manager.getClassLoader());
            if (byUri != null && byUri.get(manager.getURI()) == manager) {
                byUri.remove(manager.getURI());
                if (byUri.isEmpty()) {
                    managers.remove(manager.getClassLoader());
                }
            }
        }
    }
}
