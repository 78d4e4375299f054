package dev.devcycle.jcache.internal.annotation;

import java.util.Set;

import javax.cache.CacheManager;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/**
 * The application's one {@link AnnotatedCacheOperations}, shared by the four interceptors so each method is resolved
 * once. Key generators and resolver factories named by the annotations are taken from CDI when they are beans. The
 * default resolver factory uses the application's own {@link CacheManager} bean when it produces one, else the
 * default manager of {@code Caching.getCachingProvider()}, which it closes when the application stops (so an
 * undeployed application leaves no connections behind).
 */
@ApplicationScoped
public class JCacheAnnotationSupport {

    @Inject
    BeanManager beans;

    private CacheManagerResolverFactory defaultFactory;
    private AnnotatedCacheOperations operations;

    @PostConstruct
    void init() {
        defaultFactory = beans.getBeans(CacheManager.class).isEmpty() ? new CacheManagerResolverFactory()
                : new CacheManagerResolverFactory(() -> (CacheManager) reference(CacheManager.class));
        operations = new AnnotatedCacheOperations(this::component, () -> defaultFactory);
    }

    @PreDestroy
    void close() {
        defaultFactory.close();
    }

    /** The operations the interceptors delegate to. */
    public AnnotatedCacheOperations operations() {
        return operations;
    }

    private Object component(Class<?> type) {
        return beans.getBeans(type).isEmpty() ? null : reference(type);
    }

    private Object reference(Class<?> type) {
        Set<Bean<?>> found = beans.getBeans(type);
        Bean<?> bean = beans.resolve(found);
        return beans.getReference(bean, type, beans.createCreationalContext(bean));
    }
}
