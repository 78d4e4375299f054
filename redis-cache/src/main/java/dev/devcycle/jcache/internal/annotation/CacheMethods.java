package dev.devcycle.jcache.internal.annotation;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;

/**
 * The annotated methods, each read once per (method, target class) and resolved on its first call: the resolver
 * factory and key generator named by the annotation (or {@code @CacheDefaults}) come from the container when it
 * manages that type, else from the type's public no-argument constructor; the factory is asked once per method, as
 * the specification promises ({@link CacheResolverFactory}).
 */
final class CacheMethods {

    private static final String NOT_INSTANTIABLE = "%s is neither a bean of the container nor a public class with a"
            + " public no-argument constructor";
    private static final String CIRCULAR = "resolving the caches of %s called the method itself";

    private final ConcurrentMap<MethodKey, Entry> entries = new ConcurrentHashMap<>();
    private final Function<Class<?>, Object> components;
    private final Supplier<? extends CacheResolverFactory> defaultFactory;
    private final CacheKeyGenerator defaultKeyGenerator = new ParameterValuesKeyGenerator();

    /**
     * @param components the container's instance of a type, or {@code null} when it manages none
     * @param defaultFactory the factory for methods that name none
     */
    CacheMethods(Function<Class<?>, Object> components, Supplier<? extends CacheResolverFactory> defaultFactory) {
        this.components = components;
        this.defaultFactory = defaultFactory;
    }

    /** The entry of a method called on an instance of a class (its descriptor may be {@code null}). */
    Entry entry(Method method, Class<?> targetClass) {
        MethodKey key = new MethodKey(method, targetClass);
        Entry entry = entries.get(key);
        return entry != null ? entry : entries.computeIfAbsent(key,
                k -> new Entry(CacheMethodDescriptor.read(k.method(), k.targetClass())));
    }

    /** A type named by an annotation: the container's instance, else a new one. */
    static Object instance(Class<?> type, Function<Class<?>, Object> components) {
        Object managed = components.apply(type);
        if (managed != null) {
            return managed;
        }
        try {
            return publicConstructor(type).newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(String.format(NOT_INSTANTIABLE, type.getName()), e.getCause());
        } catch (ReflectiveOperationException | IllegalStateException e) {
            throw new IllegalStateException(String.format(NOT_INSTANTIABLE, type.getName()), e);
        }
    }

    /** Whether {@link #instance} can make one without the container. */
    static boolean instantiable(Class<?> type) {
        try {
            publicConstructor(type);
            return true;
        } catch (NoSuchMethodException | IllegalStateException e) {
            return false;
        }
    }

    private static Constructor<?> publicConstructor(Class<?> type) throws NoSuchMethodException {
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw new IllegalStateException(type.getName());
        }
        return type.getConstructor();
    }

    private ResolvedCacheMethod resolve(CacheMethodDescriptor<?> descriptor) {
        CacheResolverFactory factory = descriptor.resolverFactoryType() == null ? defaultFactory.get()
                : (CacheResolverFactory) instance(descriptor.resolverFactoryType(), components);
        CacheKeyGenerator keyGenerator = null;
        if (descriptor.kind().keyed()) {
            keyGenerator = descriptor.keyGeneratorType() == null ? defaultKeyGenerator
                    : (CacheKeyGenerator) instance(descriptor.keyGeneratorType(), components);
        }
        CacheResolver resolver = factory.getCacheResolver(descriptor);
        CacheResolver exceptionResolver = null;
        if (!descriptor.exceptionCacheName().isEmpty()) {
            @SuppressWarnings("unchecked")
            CacheMethodDescriptor<CacheResult> result = (CacheMethodDescriptor<CacheResult>) descriptor;
            exceptionResolver = factory.getExceptionCacheResolver(result);
        }
        return new ResolvedCacheMethod(descriptor, resolver, exceptionResolver, keyGenerator,
                descriptor.exceptionFilter());
    }

    private record MethodKey(Method method, Class<?> targetClass) {
    }

    /** One method: its descriptor, and its resolution once a call needed it. */
    final class Entry {

        private final CacheMethodDescriptor<?> descriptor;
        private volatile ResolvedCacheMethod resolved;
        private boolean resolving;

        private Entry(CacheMethodDescriptor<?> descriptor) {
            this.descriptor = descriptor;
        }

        /** Whether this annotation is the one that applies to the method. */
        boolean is(CacheAnnotationKind kind) {
            return descriptor != null && descriptor.kind() == kind;
        }

        ResolvedCacheMethod resolved() {
            ResolvedCacheMethod current = resolved;
            if (current != null) {
                return current;
            }
            synchronized (this) {
                if (resolved == null) {
                    if (resolving) {
                        throw new IllegalStateException(String.format(CIRCULAR, descriptor));
                    }
                    resolving = true;
                    try {
                        resolved = resolve(descriptor);
                    } finally {
                        resolving = false;
                    }
                }
                return resolved;
            }
        }
    }
}
