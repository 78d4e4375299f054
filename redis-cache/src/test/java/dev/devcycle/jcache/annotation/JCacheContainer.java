package dev.devcycle.jcache.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A Weld SE container with the JSR-107 annotation support (extension, interceptors, shared operations) and the given
 * beans; discovery off, so the extension is added as the module's service file would add it. The caches are the
 * test classpath's one JCache provider (see the module's pom).
 */
final class JCacheContainer implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final WeldContainer container;

    private JCacheContainer(WeldContainer container) {
        this.container = container;
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
