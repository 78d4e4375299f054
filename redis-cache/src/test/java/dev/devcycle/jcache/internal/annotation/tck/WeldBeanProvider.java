package dev.devcycle.jcache.internal.annotation.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import javax.cache.Caching;
import javax.cache.annotation.BeanProvider;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import dev.devcycle.jcache.internal.annotation.JCacheAnnotationExtension;
import dev.devcycle.jcache.internal.annotation.JCacheAnnotationSupport;
import dev.devcycle.jcache.internal.annotation.JCachePutInterceptor;
import dev.devcycle.jcache.internal.annotation.JCacheRemoveAllInterceptor;
import dev.devcycle.jcache.internal.annotation.JCacheRemoveInterceptor;
import dev.devcycle.jcache.internal.annotation.JCacheResultInterceptor;
import manager.CacheNameOnEachMethodBlogManagerImpl;
import manager.ClassLevelCacheConfigBlogManagerImpl;
import manager.UsingDefaultCacheNameBlogManagerImpl;

/**
 * The TCK's {@link BeanProvider} (found by ServiceLoader): a Weld SE container with the module's JSR-107 extension and
 * interceptors and the TCK's annotated fixtures. The fixtures are added by hand because CDI 4 reads the TCK jar's
 * empty {@code beans.xml} as {@code annotated} discovery, in which its classes (no bean-defining annotation) are not
 * beans. Discovery is off, so nothing else of the test classpath becomes a bean.
 *
 * <p>When the JVM ends, the container is shut down and, if the build asked for it (system property
 * {@value #EVIDENCE_PROPERTY}), the interception counts and the caches the run made are written for
 * {@link AnnotationTckGuard}.
 */
public class WeldBeanProvider implements BeanProvider {

    static final String EVIDENCE_PROPERTY = "jcache.annotation.tck.evidence";

    private final WeldContainer container;

    public WeldBeanProvider() {
        container = new Weld("jcache-annotation-tck").disableDiscovery()
                .property("org.jboss.weld.se.shutdownHook", false)
                .addExtension(new JCacheAnnotationExtension())
                .addBeanClasses(JCacheAnnotationSupport.class, JCacheResultInterceptor.class,
                        JCachePutInterceptor.class, JCacheRemoveInterceptor.class, JCacheRemoveAllInterceptor.class,
                        TckInterceptions.ResultCalls.class, TckInterceptions.ResultExecutions.class,
                        TckInterceptions.RemoveCalls.class, TckInterceptions.RemoveAllCalls.class,
                        CacheNameOnEachMethodBlogManagerImpl.class, ClassLevelCacheConfigBlogManagerImpl.class,
                        UsingDefaultCacheNameBlogManagerImpl.class)
                .initialize();
        Runtime.getRuntime().addShutdownHook(new Thread(this::finish, "jcache-annotation-tck-evidence"));
    }

    @Override
    public <T> T getBeanByType(Class<T> type) {
        TckInterceptions.count("beans." + type.getName());
        return container.select(type).get();
    }

    // Runs in a shutdown hook: the evidence first (nothing after it may keep it from being written), then the
    // container, whose own shutdown hook is off so the two do not race.
    private void finish() {
        Properties evidence = TckInterceptions.snapshot();
        evidence.setProperty("provider", Caching.getCachingProvider().getClass().getName());
        evidence.setProperty("caches", String.join("|", Caching.getCachingProvider().getCacheManager()
                .getCacheNames()));
        String target = System.getProperty(EVIDENCE_PROPERTY);
        if (target != null) {
            write(Path.of(target), evidence);
        }
        container.shutdown();
    }

    private static void write(Path file, Properties evidence) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                evidence.store(out, "JSR-107 annotation TCK run: interceptions and caches");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
