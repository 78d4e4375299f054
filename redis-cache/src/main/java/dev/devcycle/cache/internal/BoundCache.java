package dev.devcycle.cache.internal;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.devcycle.cache.DeclarativeCache;
import dev.devcycle.cache.DeclarativeCacheStatistics;

/** A {@link DeclarativeCache}: a {@link ReadThroughCache} with its value type and settings bound, keys rendered here. */
final class BoundCache<V> implements DeclarativeCache<V> {

    private final ReadThroughCache cache;
    private final Type valueType;
    private final CacheSettings settings;
    private final boolean warmOnStart;

    BoundCache(ReadThroughCache cache, Type valueType, CacheSettings settings, boolean warmOnStart) {
        this.cache = cache;
        this.valueType = valueType;
        this.settings = settings;
        this.warmOnStart = warmOnStart;
    }

    @Override
    public String name() {
        return cache.name();
    }

    @Override
    public String redisKey(Object... keyParts) {
        return cache.redisKey(CacheKeyRenderer.render(keyParts));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K> Map<K, V> getAllPresent(Collection<K> keys) {
        Map<String, K> byRendered = rendered(keys);
        Map<String, Object> found = cache.getCached(byRendered.keySet(), valueType, settings);
        Map<K, V> result = new LinkedHashMap<>();
        found.forEach((key, value) -> result.put(byRendered.get(key), (V) value));
        return result;
    }

    @Override
    public <K> int loadAll(Collection<K> keys, Function<Collection<K>, Map<K, ? extends V>> bulkLoader) {
        Map<String, K> byRendered = rendered(keys);
        return cache.loadAll(byRendered.keySet(), settings, rendered -> {
            List<K> parts = rendered.stream().map(byRendered::get).toList();
            Map<K, ? extends V> values = bulkLoader.apply(parts);
            Map<String, Object> stored = new LinkedHashMap<>();
            byRendered.forEach((key, part) -> {
                if (values.containsKey(part)) {
                    stored.put(key, values.get(part));
                }
            });
            return stored;
        });
    }

    @Override
    public void invalidate(Object... keyParts) {
        cache.invalidate(CacheKeyRenderer.render(keyParts));
    }

    @Override
    public long invalidateAll() {
        return cache.invalidateAll();
    }

    @Override
    public DeclarativeCacheStatistics statistics() {
        return cache.statistics();
    }

    @Override
    public boolean warmOnStart() {
        return warmOnStart;
    }

    /** Each key rendered as one argument, in order; rendering is injective, so the map loses no key. */
    private static <K> Map<String, K> rendered(Collection<K> keys) {
        Map<String, K> byRendered = new LinkedHashMap<>();
        for (K key : keys) {
            byRendered.put(CacheKeyRenderer.render(new Object[] {key}), key);
        }
        return byRendered;
    }
}
