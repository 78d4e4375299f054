package dev.devcycle.jcache.internal.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import dev.devcycle.testsupport.RedisServerExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A Weld SE container with the JSR-107 annotation support (extension, interceptors, shared operations) and the given
 * beans; discovery off, so the extension is added as the module's service file would add it. The caches are the
 * test classpath's one JCache provider (see the module's pom); {@link #configureProvider} points a provider that reads
 * MicroProfile Config (the module's own) at the test's redis-server, never at the machine's shared one.
 */
final class JCacheContainer implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final WeldContainer container;

    private JCacheContainer(WeldContainer container) {
        this.container = container;
    }

    /**
     * Installs, for the class loader the default {@code CacheManager} is made for, the configuration of the module's
     * JCache provider: the test's redis-server, and the classes these tests cache allowed through deserialization:
     * their values and exceptions, the default keys, and what a serialized exception holds besides its own class
     * ({@code java.lang} throwables and stack trace elements, {@code java.util} lists). The reference implementation
     * ignores it.
     */
    static void configureProvider(RedisServerExtension redis) {
        Map<String, String> settings = Map.of("redis.host", "127.0.0.1", "redis.port", String.valueOf(redis.port()),
                "cache.timeout", "2s", "jcache.serialization.allow",
                "dev.devcycle.jcache.internal.annotation.*;java.lang.*;java.util.*");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings, "jcache-annotation-tests", 500)).build(), loader);
    }

    static JCacheContainer start(Class<?>... beans) {
        List<Class<?>> classes = new ArrayList<>(List.of(JCacheAnnotationSupport.class,
                JCacheResultInterceptor.class, JCachePutInterceptor.class, JCacheRemoveInterceptor.class,
                JCacheRemoveAllInterceptor.class));
        classes.addAll(List.of(beans));
        return new JCacheContainer(new Weld("jcache-test-" + SEQUENCE.incrementAndGet()).disableDiscovery()
                .property("org.jboss.weld.se.shutdownHook", false)
                .addExtension(new JCacheAnnotationExtension())
                .addBeanClasses(classes.toArray(Class[]::new))
                .initialize());
    }

    <T> T bean(Class<T> type) {
        return container.select(type).get();
    }

    @Override
    public void close() {
        container.shutdown();
    }
}
