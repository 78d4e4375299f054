package dev.devcycle.cache.internal.interceptor;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.interceptor.Interceptor;

import dev.devcycle.cache.CacheInvalidate;
import dev.devcycle.cache.CacheInvalidateAll;
import dev.devcycle.cache.CachePut;
import dev.devcycle.cache.CacheResult;
import dev.devcycle.cache.internal.CacheDeclarations;

/**
 * Checks every cache annotation when the application deploys: a method the caching cannot serve (void result, a key
 * parameter that cannot be rendered, a bad TTL text, ...) is a definition error naming the method, so the deployment
 * fails instead of the first call. Also collects the annotated methods, so {@link DeclaredCaches} can resolve them
 * and know the cache names at start-up, and so a {@code DeclarativeCache} handle takes its TTLs and value type from
 * its cache's {@code @CacheResult} method ({@link CacheDeclarations}).
 */
public class CacheAnnotationExtension implements Extension, CacheDeclarations {

    private final Set<Method> methods = ConcurrentHashMap.newKeySet();
    private final List<CacheDefinitionException> problems = new ArrayList<>();

    <T> void collect(@Observes @WithAnnotations({CacheResult.class, CachePut.class, CacheInvalidate.class,
            CacheInvalidate.List.class, CacheInvalidateAll.class, CacheInvalidateAll.List.class})
                     ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        Class<T> javaClass = type.getJavaClass();
        if (javaClass.isAnnotationPresent(Interceptor.class)) {
            return;
        }
        for (Class<? extends Annotation> annotation : CacheMethodDefinition.ANNOTATIONS) {
            if (javaClass.isAnnotationPresent(annotation)) {
                // Keys come from method parameters, so a class-wide annotation has no key to use.
                addProblem(new CacheDefinitionException(javaClass,
                        "@" + annotation.getSimpleName() + " belongs on methods, not on the class"));
            }
        }
        for (AnnotatedMethod<? super T> annotated : type.getMethods()) {
            Method method = annotated.getJavaMember();
            if (!CacheMethodDefinition.isAnnotated(method)) {
                continue;
            }
            try {
                CacheMethodDefinition.of(method);
                methods.add(method);
            } catch (CacheDefinitionException e) {
                addProblem(e);
            }
        }
    }

    void report(@Observes AfterBeanDiscovery event) {
        synchronized (problems) {
            problems.forEach(event::addDefinitionError);
        }
    }

    /** The annotated methods found at deployment. */
    public Set<Method> methods() {
        return Set.copyOf(methods);
    }

    @Override
    public List<Declaration> of(String cacheName) {
        List<Declaration> declared = new ArrayList<>();
        for (Method method : methods) {
            CacheMethodDefinition d = CacheMethodDefinition.of(method);
            d.result().filter(r -> r.cacheName().equals(cacheName)).ifPresent(r -> declared.add(
                    new Declaration(d.toString(), r.ttl(), r.negativeTtl(), d.valueType())));
        }
        // In a fixed order, so a message naming two of them is the same at every start.
        declared.sort(Comparator.comparing(Declaration::method));
        return declared;
    }

    private void addProblem(CacheDefinitionException e) {
        synchronized (problems) {
            problems.add(e);
        }
    }
}
