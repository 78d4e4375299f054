package dev.devcycle.jcache;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

import redis.clients.jedis.UnifiedJedis;

/**
 * A JCache {@link CacheManager} over one Redis (standalone, sentinel or cluster): one pooled Jedis client, built
 * from the manager's settings ({@link ProviderSettings}: URI, vendor properties, MicroProfile Config or the
 * environment), shared by its caches and closed with the manager.
 *
 * <p>The caches a manager knows are those created (or got) through it in this JVM; their entries are in Redis under
 * the manager's namespace, so another instance (another server) whose manager has the same namespace and creates a
 * cache of the same name works on the same entries. Creating a cache never clears what Redis holds for it (a second
 * server must not wipe the first one's sessions); {@link #destroyCache} does, for every instance.
 */
public final class RedisCacheManager implements CacheManager {

    private static final Logger LOG = Logger.getLogger(RedisCacheManager.class.getName());
    private static final String MSG_STARTED = "JCache cache manager {0} (namespace {1}) on Redis {2}, latency budget {3} ms";
    static final String MSG_CLOSED = "JCache cache manager %s is closed";
    static final String MSG_EXISTS = "A cache named '%s' already exists in cache manager %s";
    static final String MSG_BY_REFERENCE = "Store-by-reference is not supported: entries live in Redis, shared"
            + " between processes, where a reference to a caller's object cannot exist (cache '%s')";
    static final String MSG_TYPES = "Cache '%s' is configured for <%s, %s>, not <%s, %s>";

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final RedisCachingProvider provider;
    private final URI uri;
    private final ClassLoader classLoader;
    private final Properties properties;
    private final ProviderSettings settings;
    private final UnifiedJedis redis;
    private final ConcurrentMap<String, RedisJCache<?, ?>> caches = new ConcurrentHashMap<>();
    private final ExecutorService background;
    private final ExpiryNotifications expiryNotifications;
    private volatile boolean closed;

    RedisCacheManager(RedisCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
        this.provider = provider;
        this.uri = uri;
        this.classLoader = classLoader;
        this.properties = new Properties();
        this.properties.putAll(properties);
        this.settings = ProviderSettings.of(uri, properties, classLoader);
        ProviderRedisClient.Connection connection = ProviderRedisClient.create(settings);
        this.redis = connection.client();
        this.expiryNotifications = new ExpiryNotifications(connection);
        this.background = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "jcache-loader-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        LOG.log(Level.INFO, MSG_STARTED, new Object[] {uri, settings.namespace(), connection.description(),
                connection.budgetMillis()});
    }

    @Override
    public CachingProvider getCachingProvider() {
        return provider;
    }

    @Override
    public URI getURI() {
        return uri;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    /** The namespace of this manager's keys in Redis ({@code jcache:<namespace>:<cache>:...}). */
    public String namespace() {
        return settings.namespace();
    }

    @Override
    public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        Objects.requireNonNull(configuration, "configuration");
        if (!configuration.isStoreByValue()) {
            throw new UnsupportedOperationException(String.format(MSG_BY_REFERENCE, cacheName));
        }
        synchronized (caches) {
            if (caches.containsKey(cacheName)) {
                throw new CacheException(String.format(MSG_EXISTS, cacheName, uri));
            }
            RedisJCache<K, V> cache = new RedisJCache<>(this, cacheName, configuration, redis,
                    new KeyLayout(settings.namespace(), cacheName), settings.serializationAllow(cacheName),
                    classLoader, background);
            caches.put(cacheName, cache);
            return cache;
        }
    }

    @SuppressWarnings("unchecked")
    @Override
    public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        RedisJCache<?, ?> cache = caches.get(cacheName);
        if (cache == null) {
            return null;
        }
        Configuration<?, ?> configuration = cache.getConfiguration(Configuration.class);
        if (configuration.getKeyType() != keyType || configuration.getValueType() != valueType) {
            throw new ClassCastException(String.format(MSG_TYPES, cacheName, configuration.getKeyType().getName(),
                    configuration.getValueType().getName(), keyType.getName(), valueType.getName()));
        }
        return (Cache<K, V>) cache;
    }

    @SuppressWarnings("unchecked")
    @Override
    public <K, V> Cache<K, V> getCache(String cacheName) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        return (Cache<K, V>) caches.get(cacheName);
    }

    @Override
    public Iterable<String> getCacheNames() {
        ensureOpen();
        return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
    }

    /** Removes the cache's entries from Redis (SCAN + UNLINK) and closes it. */
    @Override
    public void destroyCache(String cacheName) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        RedisJCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.clearStore();
            cache.close();
        }
    }

    @Override
    public void enableManagement(String cacheName, boolean enabled) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        RedisJCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.setManagementEnabled(enabled);
        }
    }

    @Override
    public void enableStatistics(String cacheName, boolean enabled) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        RedisJCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.setStatisticsEnabled(enabled);
        }
    }

    /** Closes the caches (their entries stay in Redis), the Redis client and the background threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        provider.release(this);
        for (RedisJCache<?, ?> cache : caches.values()) {
            try {
                cache.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Closing JCache cache {0} failed", cache.getName());
            }
        }
        caches.clear();
        expiryNotifications.close();
        background.shutdownNow();
        redis.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Unwraps to this class, or to the manager's Jedis client ({@code UnifiedJedis}; closed with the manager). */
    @Override
    public <T> T unwrap(Class<T> clazz) {
        return Unwrapping.unwrap(this, redis, clazz);
    }

    ExpiryNotifications expiryNotifications() {
        return expiryNotifications;
    }

    void release(String cacheName, RedisJCache<?, ?> cache) {
        caches.remove(cacheName, cache);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(String.format(MSG_CLOSED, uri));
        }
    }
}
