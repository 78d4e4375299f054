package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.IntStream;

import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * What the JSR-107 annotations ask of one method, read once from the method and its class: which annotation applies
 * (the method's own, else one on its class), the cache name (the annotation's, else {@link CacheDefaults}', else the
 * generated {@code package.Class.method(param.Type,...)}), which parameters make the key and which is the value, the
 * key generator and resolver factory types, and the exception rules. Per call only the arguments are looked at.
 *
 * <p>This is the {@link CacheMethodDetails} a {@link CacheResolverFactory} is given.
 *
 * @param <A> the caching annotation that applies to the method
 */
public final class CacheMethodDescriptor<A extends Annotation> implements CacheMethodDetails<A> {

    private static final String NEVER_INTERCEPTED = "a %s method is never intercepted; make it a non-private instance"
            + " method called through the bean";
    private static final String ONE_PER_METHOD = "only one of @CacheResult, @CachePut, @CacheRemove, @CacheRemoveAll"
            + " may apply to a method; found %s";
    private static final String PUT_NEEDS_VALUE = "@CachePut needs exactly one parameter annotated @CacheValue,"
            + " found %d";
    private static final String VALUE_ONLY_ON_PUT = "@CacheValue belongs on a parameter of a @CachePut method only";
    private static final String KEY_AND_VALUE = "parameter %d is annotated both @CacheKey and @CacheValue; the value"
            + " is never part of the key";

    private final Method method;
    private final CacheAnnotationKind kind;
    private final A annotation;
    private final Set<Annotation> methodAnnotations;
    private final String cacheName;
    private final List<ParameterDescriptor> parameters;
    private final int[] keyPositions;
    private final int valuePosition;
    private final Class<? extends CacheKeyGenerator> keyGeneratorType;
    private final Class<? extends CacheResolverFactory> resolverFactoryType;

    private CacheMethodDescriptor(Method method, CacheAnnotationKind kind, A annotation, CacheDefaults defaults) {
        this.method = method;
        this.kind = kind;
        this.annotation = annotation;
        this.methodAnnotations = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
                method.getAnnotations())));
        this.cacheName = cacheName(method, annotationCacheName(), defaults);
        this.parameters = parameters(method);
        this.valuePosition = valuePosition(method, kind, parameters);
        this.keyPositions = keyPositions(method, parameters, valuePosition);
        this.keyGeneratorType = kind.keyed() ? keyGeneratorType(defaults) : null;
        this.resolverFactoryType = resolverFactoryType(defaults);
    }

    /**
     * Reads the caching annotation that applies to a method of a class, or returns {@code null} when none does.
     *
     * @param method the method called
     * @param targetClass the class of the object it is called on (a container's subclass of the bean class is fine:
     *                    class-level annotations are looked for up its superclasses)
     * @throws CacheAnnotationDefinitionException naming the method when the annotations cannot work on it
     */
    public static CacheMethodDescriptor<?> read(Method method, Class<?> targetClass) {
        List<Annotation> own = cachingAnnotations(method.getAnnotations());
        Annotation applied;
        if (own.size() > 1) {
            throw new CacheAnnotationDefinitionException(method, String.format(ONE_PER_METHOD, names(own)));
        } else if (own.size() == 1) {
            applied = own.get(0);
            int modifiers = method.getModifiers();
            if (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers)) {
                throw new CacheAnnotationDefinitionException(method, String.format(NEVER_INTERCEPTED,
                        Modifier.isPrivate(modifiers) ? "private" : "static"));
            }
        } else {
            applied = classLevel(method, targetClass);
            if (applied == null) {
                if (hasCacheValue(method)) {
                    throw new CacheAnnotationDefinitionException(method, VALUE_ONLY_ON_PUT);
                }
                return null;
            }
        }
        return create(method, CacheAnnotationKind.of(applied), applied, defaults(targetClass));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static CacheMethodDescriptor<?> create(Method method, CacheAnnotationKind kind, Annotation annotation,
                                                   CacheDefaults defaults) {
        return new CacheMethodDescriptor(method, kind, annotation, defaults);
    }

    /** True when a type or one of its methods carries one of the four caching annotations. */
    static boolean carriesAnnotations(Class<?> type) {
        if (!cachingAnnotations(type.getAnnotations()).isEmpty()) {
            return true;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (!cachingAnnotations(method.getAnnotations()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Method getMethod() {
        return method;
    }

    @Override
    public Set<Annotation> getAnnotations() {
        return methodAnnotations;
    }

    @Override
    public A getCacheAnnotation() {
        return annotation;
    }

    @Override
    public String getCacheName() {
        return cacheName;
    }

    /** Which of the four annotations applies. */
    public CacheAnnotationKind kind() {
        return kind;
    }

    /** The key generator named by the annotation or {@link CacheDefaults}; {@code null} for the default one. */
    public Class<? extends CacheKeyGenerator> keyGeneratorType() {
        return keyGeneratorType;
    }

    /** The resolver factory named by the annotation or {@link CacheDefaults}; {@code null} for the default one. */
    public Class<? extends CacheResolverFactory> resolverFactoryType() {
        return resolverFactoryType;
    }

    List<ParameterDescriptor> parameters() {
        return parameters;
    }

    int[] keyPositions() {
        return keyPositions;
    }

    /** Position of the {@code @CacheValue} parameter, or -1. */
    int valuePosition() {
        return valuePosition;
    }

    /** {@code @CacheResult}'s exception cache, or an empty text when exceptions are not cached. */
    String exceptionCacheName() {
        return kind == CacheAnnotationKind.RESULT ? ((CacheResult) annotation).exceptionCacheName().trim() : "";
    }

    /**
     * The exceptions the annotation acts on: for {@code @CacheResult} those put into the exception cache (all when
     * both lists are empty); for the others those after which an {@code afterInvocation} put or removal still
     * happens (none when both lists are empty).
     */
    ThrowableFilter exceptionFilter() {
        return switch (kind) {
            case RESULT -> new ThrowableFilter(((CacheResult) annotation).cachedExceptions(),
                    ((CacheResult) annotation).nonCachedExceptions(), true);
            case PUT -> new ThrowableFilter(((CachePut) annotation).cacheFor(), ((CachePut) annotation).noCacheFor(),
                    false);
            case REMOVE -> new ThrowableFilter(((CacheRemove) annotation).evictFor(),
                    ((CacheRemove) annotation).noEvictFor(), false);
            case REMOVE_ALL -> new ThrowableFilter(((CacheRemoveAll) annotation).evictFor(),
                    ((CacheRemoveAll) annotation).noEvictFor(), false);
        };
    }

    /** Whether the put or removal happens after the method returns (else before it is invoked). */
    boolean afterInvocation() {
        return switch (kind) {
            case RESULT -> true;
            case PUT -> ((CachePut) annotation).afterInvocation();
            case REMOVE -> ((CacheRemove) annotation).afterInvocation();
            case REMOVE_ALL -> ((CacheRemoveAll) annotation).afterInvocation();
        };
    }

    /** {@code @CacheResult(skipGet = true)}: always invoke, still store. */
    boolean skipGet() {
        return kind == CacheAnnotationKind.RESULT && ((CacheResult) annotation).skipGet();
    }

    @Override
    public String toString() {
        return "@" + kind.annotationType().getSimpleName() + " " + CacheAnnotationDefinitionException.describe(method)
                + " on cache '" + cacheName + "'";
    }

    private String annotationCacheName() {
        return switch (kind) {
            case RESULT -> ((CacheResult) annotation).cacheName();
            case PUT -> ((CachePut) annotation).cacheName();
            case REMOVE -> ((CacheRemove) annotation).cacheName();
            case REMOVE_ALL -> ((CacheRemoveAll) annotation).cacheName();
        };
    }

    private Class<? extends CacheKeyGenerator> keyGeneratorType(CacheDefaults defaults) {
        Class<? extends CacheKeyGenerator> named = switch (kind) {
            case RESULT -> ((CacheResult) annotation).cacheKeyGenerator();
            case PUT -> ((CachePut) annotation).cacheKeyGenerator();
            case REMOVE -> ((CacheRemove) annotation).cacheKeyGenerator();
            case REMOVE_ALL -> CacheKeyGenerator.class;
        };
        if (named == CacheKeyGenerator.class && defaults != null) {
            named = defaults.cacheKeyGenerator();
        }
        return named == CacheKeyGenerator.class ? null : named;
    }

    private Class<? extends CacheResolverFactory> resolverFactoryType(CacheDefaults defaults) {
        Class<? extends CacheResolverFactory> named = switch (kind) {
            case RESULT -> ((CacheResult) annotation).cacheResolverFactory();
            case PUT -> ((CachePut) annotation).cacheResolverFactory();
            case REMOVE -> ((CacheRemove) annotation).cacheResolverFactory();
            case REMOVE_ALL -> ((CacheRemoveAll) annotation).cacheResolverFactory();
        };
        if (named == CacheResolverFactory.class && defaults != null) {
            named = defaults.cacheResolverFactory();
        }
        return named == CacheResolverFactory.class ? null : named;
    }

    private static String cacheName(Method method, String annotated, CacheDefaults defaults) {
        if (!annotated.isEmpty()) {
            return annotated;
        }
        if (defaults != null && !defaults.cacheName().isEmpty()) {
            return defaults.cacheName();
        }
        // The specification's generated name, e.g. my.app.DomainDao.getDomain(java.lang.String,int).
        StringJoiner types = new StringJoiner(",", "(", ")");
        for (Class<?> type : method.getParameterTypes()) {
            types.add(type.getName());
        }
        return method.getDeclaringClass().getName() + '.' + method.getName() + types;
    }

    private static List<ParameterDescriptor> parameters(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        List<ParameterDescriptor> out = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            out.add(new ParameterDescriptor(types[i], Collections.unmodifiableSet(new LinkedHashSet<>(
                    Arrays.asList(annotations[i]))), i));
        }
        return List.copyOf(out);
    }

    private static int valuePosition(Method method, CacheAnnotationKind kind, List<ParameterDescriptor> parameters) {
        int[] values = positionsWith(parameters, CacheValue.class);
        if (kind != CacheAnnotationKind.PUT) {
            if (values.length > 0) {
                throw new CacheAnnotationDefinitionException(method, VALUE_ONLY_ON_PUT);
            }
            return -1;
        }
        if (values.length != 1) {
            throw new CacheAnnotationDefinitionException(method, String.format(PUT_NEEDS_VALUE, values.length));
        }
        return values[0];
    }

    // The rules of CacheKeyInvocationContext#getKeyParameters: the @CacheKey parameters if any, else all but the
    // @CacheValue one.
    private static int[] keyPositions(Method method, List<ParameterDescriptor> parameters, int valuePosition) {
        int[] keys = positionsWith(parameters, CacheKey.class);
        for (int key : keys) {
            if (key == valuePosition) {
                throw new CacheAnnotationDefinitionException(method, String.format(KEY_AND_VALUE, key));
            }
        }
        if (keys.length > 0) {
            return keys;
        }
        return IntStream.range(0, parameters.size()).filter(i -> i != valuePosition).toArray();
    }

    private static int[] positionsWith(List<ParameterDescriptor> parameters, Class<? extends Annotation> type) {
        return parameters.stream()
                .filter(p -> p.annotations().stream().anyMatch(type::isInstance))
                .mapToInt(ParameterDescriptor::position)
                .toArray();
    }

    private static boolean hasCacheValue(Method method) {
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof CacheValue) {
                    return true;
                }
            }
        }
        return false;
    }

    // A caching annotation on the class applies to its business methods that have none of their own; Object's
    // methods (toString, equals, hashCode), overridden or not, are not business methods anyone means to cache.
    private static Annotation classLevel(Method method, Class<?> targetClass) {
        if (isObjectMethod(method) || Modifier.isStatic(method.getModifiers())
                || Modifier.isPrivate(method.getModifiers())) {
            return null;
        }
        for (Class<?> type = targetClass; type != null && type != Object.class; type = type.getSuperclass()) {
            List<Annotation> found = cachingAnnotations(type.getDeclaredAnnotations());
            if (found.size() > 1) {
                throw new CacheAnnotationDefinitionException(type, String.format(ONE_PER_METHOD, names(found)));
            }
            if (found.size() == 1) {
                return found.get(0);
            }
        }
        return null;
    }

    private static boolean isObjectMethod(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static CacheDefaults defaults(Class<?> targetClass) {
        for (Class<?> type = targetClass; type != null; type = type.getSuperclass()) {
            CacheDefaults defaults = type.getAnnotation(CacheDefaults.class);
            if (defaults != null) {
                return defaults;
            }
        }
        return null;
    }

    private static List<Annotation> cachingAnnotations(Annotation[] annotations) {
        List<Annotation> out = new ArrayList<>(1);
        for (Annotation annotation : annotations) {
            if (CacheAnnotationKind.of(annotation) != null) {
                out.add(annotation);
            }
        }
        return out;
    }

    private static String names(List<Annotation> annotations) {
        StringJoiner out = new StringJoiner(", ");
        annotations.forEach(a -> out.add("@" + a.annotationType().getSimpleName()));
        return out.toString();
    }
}
