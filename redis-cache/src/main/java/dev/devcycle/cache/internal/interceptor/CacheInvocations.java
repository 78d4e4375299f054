package dev.devcycle.cache.internal.interceptor;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.devcycle.cache.internal.CacheLoader;
import dev.devcycle.cache.internal.CacheSettings;
import dev.devcycle.cache.internal.ReadThroughCache;

/**
 * What the four interceptors do, in plain Java: an interceptor hands over the method, the arguments and a way to
 * proceed. Per-method metadata is resolved on the first call and memoised; a call then costs a map lookup and the key
 * rendering.
 */
public class CacheInvocations {

    /** The settings of a method on a cache, from configuration and the annotation's TTL texts. */
    @FunctionalInterface
    public interface SettingsSource {
        CacheSettings settings(String cacheName, String annotationTtl, String annotationNegativeTtl);
    }

    private final Map<Method, CacheMethod> methods = new ConcurrentHashMap<>();
    private final Function<String, ReadThroughCache> caches;
    private final SettingsSource settings;

    public CacheInvocations(Function<String, ReadThroughCache> caches, SettingsSource settings) {
        this.caches = caches;
        this.settings = settings;
    }

    /** The resolved metadata of a method, memoised. */
    CacheMethod method(Method method) {
        CacheMethod resolved = methods.get(method);
        return resolved != null ? resolved : methods.computeIfAbsent(method, this::resolve);
    }

    /** Resolves a method now, so bad configuration fails the deployment rather than the first call. */
    public void prepare(Method method) {
        method(method);
    }

    /** {@code @CacheResult}: the cached value, or the method's, stored on the way. */
    public Object result(Method method, Object[] arguments, CacheLoader<Object> proceed) throws Exception {
        CacheMethod m = method(method);
        CacheMethodDefinition d = m.definition();
        String key = d.key(arguments);
        ReadThroughCache cache = m.resultCache();
        CacheSettings s = m.resultSettings();
        return switch (d.returnKind()) {
            case VALUE -> cache.get(key, d.valueType(), s, proceed);
            case OPTIONAL -> Optional.ofNullable(cache.get(key, d.valueType(), s, () -> unwrap(proceed.load())));
            case STAGE -> cache.getAsync(key, d.valueType(), s, () -> (CompletionStage<Object>) proceed.load());
        };
    }

    /** {@code @CachePut}: calls the method and stores what it returns (a stage: what it completes with). */
    public Object put(Method method, Object[] arguments, CacheLoader<Object> proceed) throws Exception {
        CacheMethod m = method(method);
        CacheMethodDefinition d = m.definition();
        String key = d.key(arguments);
        Object returned = proceed.load();
        whenDone(d, returned, value -> m.putCache().put(key, value, m.putSettings()));
        return returned;
    }

    /** {@code @CacheInvalidate}: after the method returns normally, removes its key from each named cache. */
    public Object invalidate(Method method, Object[] arguments, CacheLoader<Object> proceed) throws Exception {
        CacheMethod m = method(method);
        String key = m.definition().key(arguments);
        Object returned = proceed.load();
        whenDone(m.definition(), returned, value -> m.invalidated().forEach(cache -> cache.invalidate(key)));
        return returned;
    }

    /** {@code @CacheInvalidateAll}: after the method returns normally, clears each named cache. */
    public Object invalidateAll(Method method, CacheLoader<Object> proceed) throws Exception {
        CacheMethod m = method(method);
        Object returned = proceed.load();
        whenDone(m.definition(), returned, value -> m.cleared().forEach(ReadThroughCache::invalidateAll));
        return returned;
    }

    /** Runs an action on the method's value: now, or when a returned stage completes normally. */
    private static void whenDone(CacheMethodDefinition d, Object returned, Consumer<Object> action) {
        if (d.returnKind() == ReturnKind.STAGE && returned instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> {
                if (error == null) {
                    action.accept(value);
                }
            });
        } else {
            action.accept(d.returnKind() == ReturnKind.OPTIONAL ? unwrap(returned) : returned);
        }
    }

    private static Object unwrap(Object optional) {
        return optional == null ? null : ((Optional<?>) optional).orElse(null);
    }

    private CacheMethod resolve(Method method) {
        CacheMethodDefinition d = CacheMethodDefinition.of(method);
        ReadThroughCache resultCache = d.result().map(r -> caches.apply(r.cacheName())).orElse(null);
        CacheSettings resultSettings = d.result()
                .map(r -> settings.settings(r.cacheName(), r.ttl(), r.negativeTtl())).orElse(null);
        ReadThroughCache putCache = d.put().map(p -> caches.apply(p.cacheName())).orElse(null);
        CacheSettings putSettings = d.put().map(p -> settings.settings(p.cacheName(), p.ttl(), "")).orElse(null);
        return new CacheMethod(d, resultCache, resultSettings, putCache, putSettings,
                d.invalidated().stream().map(caches).toList(), d.cleared().stream().map(caches).toList());
    }
}
