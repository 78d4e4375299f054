package dev.devcycle.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import dev.devcycle.cache.RedisCaches;
import dev.devcycle.cache.internal.CacheRegistry;
import dev.devcycle.cache.internal.interceptor.CacheAnnotationExtension;
import dev.devcycle.cache.internal.interceptor.CacheInvalidateAllInterceptor;
import dev.devcycle.cache.internal.interceptor.CacheInvalidateInterceptor;
import dev.devcycle.cache.internal.interceptor.CacheInvocationsBean;
import dev.devcycle.cache.internal.interceptor.CachePutInterceptor;
import dev.devcycle.cache.internal.interceptor.CacheResultInterceptor;
import dev.devcycle.cache.internal.interceptor.DeclaredCaches;
import dev.devcycle.redis.internal.ContributedBeansExtension;
import dev.devcycle.redis.internal.RedisSettingsProducer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A Weld SE container with the caching layer, the Redis client pointed at the test's own redis-server, and the given
 * beans: one "application instance". Several may run at once on the same Redis (they share the configuration, which
 * MicroProfile Config keeps per class loader). The module's client producer is added by its extension, as in an
 * application, unless a test lists a client bean of its own. Health checks and metrics are not part of it (they need
 * a MicroProfile runtime).
 */
public final class CacheTestContainer implements AutoCloseable {

    private static int sequence;

    private final WeldContainer container;

    private CacheTestContainer(WeldContainer container) {
        this.container = container;
    }

    /** Installs the configuration (the Redis settings plus the given properties) for containers started after it. */
    public static void configure(RedisServerExtension redis, Map<String, String> properties) {
        configure(redis.port(), properties);
    }

    /** As above, for a Redis on 127.0.0.1 at a port (sentinel and cluster set-ups give theirs as properties). */
    public static void configure(int port, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>();
        all.put("redis.host", "127.0.0.1");
        all.put("redis.port", String.valueOf(port));
        // Short timeouts and no retry so the Redis-down tests are quick.
        all.put("redis.socket.timeout", "1");
        all.put("redis.socket.connect.timeout", "1");
        // Generous budget: these tests count hits, and a loaded CI machine may stall Redis beyond the 100 ms default.
        all.put("cache.timeout", "2s");
        all.put("redis.retry.on.timeout", "false");
        all.put("redis.max.connections", "16");
        all.put("redis.circuit.open.seconds", "1");
        all.putAll(properties);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(all, "test", 500))
                .build(), loader);
    }

    public static CacheTestContainer start(Class<?>... beans) {
        List<Class<?>> classes = new ArrayList<>(List.of(RedisSettingsProducer.class, RedisCaches.class,
                CacheRegistry.class, CacheInvocationsBean.class, DeclaredCaches.class, CacheResultInterceptor.class,
                CachePutInterceptor.class, CacheInvalidateInterceptor.class, CacheInvalidateAllInterceptor.class));
        classes.addAll(List.of(beans));
        // Discovery off, so the service-loaded extensions are added by hand: MicroProfile Config's and ours.
        Weld weld = new Weld("cache-test-" + next()).disableDiscovery()
                .addExtension(new ConfigExtension())
                .addExtension(new CacheAnnotationExtension())
                .addExtension(new ContributedBeansExtension())
                .addBeanClasses(classes.toArray(Class[]::new));
        return new CacheTestContainer(weld.initialize());
    }

    private static synchronized int next() {
        return ++sequence;
    }

    public <T> T bean(Class<T> type) {
        return container.select(type).get();
    }

    /** Whether the container has a bean of the type, whatever its qualifiers (a health check's are its kind). */
    public boolean has(Class<?> type) {
        return container.select(type, jakarta.enterprise.inject.Any.Literal.INSTANCE).isResolvable();
    }

    /** The declarative caches, with the internal view the module's own tests use ({@code readThrough}). */
    public CacheRegistry caches() {
        return bean(CacheRegistry.class);
    }

    @Override
    public void close() {
        container.shutdown();
    }
}
