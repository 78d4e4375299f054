package dev.devcycle.cache.internal.interceptor;

import java.lang.annotation.Annotation;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import dev.devcycle.cache.CacheInvalidate;
import dev.devcycle.cache.CacheInvalidateAll;
import dev.devcycle.cache.CacheKey;
import dev.devcycle.cache.CachePut;
import dev.devcycle.cache.CacheResult;
import dev.devcycle.cache.internal.CacheKeyRenderer;
import dev.devcycle.redis.internal.DurationText;

/**
 * What the cache annotations of one method ask for, read from the method alone: which caches, which parameters make
 * the key, how the value is returned and read back. Built once per method (at deployment for the check, then
 * memoised); per call only the arguments are looked at.
 *
 * <p>The key rules written on {@link CacheResult} are implemented here ({@link #keyPositions}) and in
 * {@link CacheKeyRenderer} (rendering), nowhere else.
 */
public final class CacheMethodDefinition {

    /** Every annotation this layer handles, for discovery. */
    public static final Set<Class<? extends Annotation>> ANNOTATIONS = Set.of(CacheResult.class, CachePut.class,
            CacheInvalidate.class, CacheInvalidate.List.class, CacheInvalidateAll.class, CacheInvalidateAll.List.class);

    private final Method method;
    private final CacheResult result;
    private final CachePut put;
    private final List<String> invalidated;
    private final List<String> cleared;
    private final int[] keyPositions;
    private final ReturnKind returnKind;
    private final Type valueType;

    private CacheMethodDefinition(Method method) {
        this.method = method;
        this.result = method.getAnnotation(CacheResult.class);
        this.put = method.getAnnotation(CachePut.class);
        this.invalidated = Stream.of(method.getAnnotationsByType(CacheInvalidate.class))
                .map(CacheInvalidate::cacheName).toList();
        this.cleared = Stream.of(method.getAnnotationsByType(CacheInvalidateAll.class))
                .map(CacheInvalidateAll::cacheName).toList();
        this.keyPositions = keyPositions(method);
        this.returnKind = returnKind(method);
        this.valueType = valueType(method, returnKind);
    }

    /**
     * Reads and checks the annotations of a method.
     *
     * @throws CacheDefinitionException naming the method when the annotations cannot work on it
     */
    public static CacheMethodDefinition of(Method method) {
        CacheMethodDefinition definition = new CacheMethodDefinition(method);
        definition.check();
        return definition;
    }

    /** True when the method carries any of this layer's annotations. */
    public static boolean isAnnotated(Method method) {
        return ANNOTATIONS.stream().anyMatch(method::isAnnotationPresent);
    }

    public Method method() {
        return method;
    }

    public Optional<CacheResult> result() {
        return Optional.ofNullable(result);
    }

    public Optional<CachePut> put() {
        return Optional.ofNullable(put);
    }

    /** Caches whose entry for this method's key is removed after it returns. */
    public List<String> invalidated() {
        return invalidated;
    }

    /** Caches cleared after it returns. */
    public List<String> cleared() {
        return cleared;
    }

    /** Every cache this method names. */
    public List<String> cacheNames() {
        List<String> names = new ArrayList<>();
        result().ifPresent(r -> names.add(r.cacheName()));
        put().ifPresent(p -> names.add(p.cacheName()));
        names.addAll(invalidated);
        names.addAll(cleared);
        return names;
    }

    ReturnKind returnKind() {
        return returnKind;
    }

    /** The type a stored value is read back as: the return type, or the {@code T} of Optional/CompletionStage. */
    Type valueType() {
        return valueType;
    }

    /** The parameter positions that make the key, in order. */
    int[] keyPositions() {
        return keyPositions.clone();
    }

    /** The rendered key of one call. */
    public String key(Object[] arguments) {
        Object[] parts = new Object[keyPositions.length];
        for (int i = 0; i < keyPositions.length; i++) {
            parts[i] = arguments[keyPositions[i]];
        }
        return CacheKeyRenderer.render(parts);
    }

    /**
     * The key rules: the {@link CacheKey} parameters if any; otherwise all parameters (which covers "none" and
     * "exactly one").
     */
    static int[] keyPositions(Method method) {
        Parameter[] parameters = method.getParameters();
        int[] marked = java.util.stream.IntStream.range(0, parameters.length)
                .filter(i -> parameters[i].isAnnotationPresent(CacheKey.class)).toArray();
        return marked.length > 0 ? marked : java.util.stream.IntStream.range(0, parameters.length).toArray();
    }

    private void check() {
        int modifiers = method.getModifiers();
        if (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers)) {
            fail("private and static methods are not intercepted; make it a non-private instance method");
        }
        if (result != null && put != null) {
            fail("@CacheResult and @CachePut cannot both be on one method");
        }
        for (String name : cacheNames()) {
            if (name == null || name.isBlank()) {
                fail("cacheName must not be empty");
            }
        }
        if (result != null || put != null) {
            if (method.getReturnType() == void.class || method.getReturnType() == Void.class) {
                fail("a void method has no result to cache");
            }
            if (containsTypeVariable(valueType)) {
                fail("the cached type " + valueType.getTypeName()
                        + " has a type variable, so a stored value cannot be read back; declare a concrete type");
            }
        }
        if (result != null) {
            duration("ttl", result.ttl());
            duration("negativeTtl", result.negativeTtl());
        }
        if (put != null) {
            duration("ttl", put.ttl());
        }
        if (result != null || put != null || !invalidated.isEmpty()) {
            Parameter[] parameters = method.getParameters();
            for (int position : keyPositions) {
                Type type = method.getGenericParameterTypes()[position];
                CacheKeyRenderer.unrenderableReason(type).ifPresent(reason -> fail("key parameter "
                        + parameters[position].getName() + " cannot be rendered as a key: " + reason
                        + (hasCacheKey(parameters) ? "" : "; mark the key parameters with @CacheKey")));
            }
        }
    }

    private void duration(String member, String text) {
        if (!text.isEmpty()) {
            try {
                DurationText.parse(text);
            } catch (IllegalArgumentException e) {
                fail(member + ": " + e.getMessage());
            }
        }
    }

    private void fail(String problem) {
        throw new CacheDefinitionException(method, problem);
    }

    private static boolean hasCacheKey(Parameter[] parameters) {
        return Arrays.stream(parameters).anyMatch(p -> p.isAnnotationPresent(CacheKey.class));
    }

    private static ReturnKind returnKind(Method method) {
        Class<?> raw = method.getReturnType();
        if (raw == Optional.class) {
            return ReturnKind.OPTIONAL;
        }
        if (raw == CompletionStage.class || raw == CompletableFuture.class) {
            return ReturnKind.STAGE;
        }
        return ReturnKind.VALUE;
    }

    private static Type valueType(Method method, ReturnKind kind) {
        Type returned = method.getGenericReturnType();
        if (kind == ReturnKind.VALUE) {
            return returned;
        }
        if (returned instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[0];
            return argument instanceof WildcardType w ? w.getUpperBounds()[0] : argument;
        }
        // A raw Optional or CompletionStage: the value can only be read back as what JSON gives.
        return Object.class;
    }

    private static boolean containsTypeVariable(Type type) {
        if (type instanceof TypeVariable<?>) {
            return true;
        }
        if (type instanceof ParameterizedType p) {
            return Arrays.stream(p.getActualTypeArguments()).anyMatch(CacheMethodDefinition::containsTypeVariable);
        }
        if (type instanceof GenericArrayType g) {
            return containsTypeVariable(g.getGenericComponentType());
        }
        if (type instanceof WildcardType w) {
            return Arrays.stream(w.getUpperBounds()).anyMatch(CacheMethodDefinition::containsTypeVariable);
        }
        return false;
    }

    @Override
    public String toString() {
        return CacheDefinitionException.describe(method);
    }
}
