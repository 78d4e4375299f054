package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.Interceptor;

/**
 * Makes the JSR-107 annotations work on Jakarta CDI. They were written for {@code javax} CDI: their members carry
 * {@code javax.enterprise.util.Nonbinding}, which Jakarta CDI does not see, and they carry no interceptor-binding
 * meta-annotation of any namespace. So this extension declares {@code @CacheResult}, {@code @CachePut},
 * {@code @CacheRemove} and {@code @CacheRemoveAll} interceptor bindings with Jakarta {@link Nonbinding} on every
 * member (one interceptor then serves every cache name and option), and checks every annotated method at deployment:
 * a method they cannot work on (two caching annotations, a {@code @CachePut} without its {@code @CacheValue}, a
 * private method, a key generator or resolver factory that cannot be had) fails the deployment naming it.
 */
public class JCacheAnnotationExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(JCacheAnnotationExtension.class.getName());
    private static final String MSG_READY = "JCache annotations: {0} annotated method(s) in {1} class(es)";

    private final List<CacheAnnotationDefinitionException> problems = new ArrayList<>();
    private final Set<Class<?>> components = ConcurrentHashMap.newKeySet();
    private final AtomicInteger methods = new AtomicInteger();
    private final AtomicInteger classes = new AtomicInteger();

    void registerBindings(@Observes BeforeBeanDiscovery event) {
        for (CacheAnnotationKind kind : CacheAnnotationKind.values()) {
            registerBinding(event, kind.annotationType());
        }
    }

    private static <T extends Annotation> void registerBinding(BeforeBeanDiscovery event, Class<T> binding) {
        event.configureInterceptorBinding(binding).methods().forEach(m -> m.add(Nonbinding.Literal.INSTANCE));
    }

    <T> void check(@Observes @WithAnnotations({CacheResult.class, CachePut.class, CacheRemove.class,
            CacheRemoveAll.class, CacheValue.class}) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        Class<T> javaClass = type.getJavaClass();
        // Interceptors carry the annotations as their bindings; they are not annotated methods.
        if (javaClass.isAnnotationPresent(Interceptor.class) || javaClass.isInterface()) {
            return;
        }
        int found = 0;
        for (AnnotatedMethod<? super T> annotated : type.getMethods()) {
            try {
                CacheMethodDescriptor<?> descriptor = CacheMethodDescriptor.read(annotated.getJavaMember(),
                        javaClass);
                if (descriptor != null) {
                    found++;
                    addComponent(descriptor.keyGeneratorType());
                    addComponent(descriptor.resolverFactoryType());
                }
            } catch (CacheAnnotationDefinitionException e) {
                synchronized (problems) {
                    problems.add(e);
                }
            }
        }
        if (found > 0) {
            methods.addAndGet(found);
            classes.incrementAndGet();
        }
    }

    void report(@Observes AfterBeanDiscovery event) {
        synchronized (problems) {
            problems.forEach(event::addDefinitionError);
        }
    }

    // Key generators and resolver factories come from the container, else from a public no-argument constructor:
    // one that has neither would fail the method's first call, so it fails the deployment instead.
    void checkComponents(@Observes AfterDeploymentValidation event, BeanManager beans) {
        for (Class<?> type : components) {
            if (beans.getBeans(type).isEmpty() && !CacheMethods.instantiable(type)) {
                event.addDeploymentProblem(new CacheAnnotationDefinitionException(type, "named as key generator or"
                        + " resolver factory, but it is neither a bean nor a public class with a public no-argument"
                        + " constructor"));
            }
        }
        LOG.log(Level.INFO, MSG_READY, new Object[] {methods.get(), classes.get()});
    }

    private void addComponent(Class<?> type) {
        if (type != null) {
            components.add(type);
        }
    }
}
