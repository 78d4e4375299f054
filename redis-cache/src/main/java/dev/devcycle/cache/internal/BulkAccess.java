package dev.devcycle.cache.internal;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.devcycle.cache.internal.near.NearCache;
import dev.devcycle.cache.internal.near.NearTier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Many keys of a declarative cache with a few round trips: reads with one MGET ({@link #getCached}), bulk loads
 * stored with one pipeline ({@link #loadAll}). In Redis Cluster, where MGET needs every key in one slot, reads are
 * one GET per key.
 */
final class BulkAccess {

    private final CacheContext cache;
    private final LoadLease lease;
    /** Whether a Redis key may be read from and stored into Redis (no invalidation of it pending). */
    private final Predicate<String> settled;

    BulkAccess(CacheContext cache, LoadLease lease, Predicate<String> settled) {
        this.cache = cache;
        this.lease = lease;
        this.settled = settled;
    }

    /**
     * The cached values of many keys: near cache first, then one MGET for the rest. Only hits are in the result, in
     * the order of the keys (a cached null is a {@code null} value). Fail-open: on a Redis error, the near-cache
     * hits only.
     */
    Map<String, Object> getCached(Collection<String> keys, Type type, CacheSettings settings) {
        Map<String, Object> found = new LinkedHashMap<>();
        if (!settings.enabled() || keys.isEmpty()) {
            return found;
        }
        List<String> remote = new ArrayList<>(keys.size());
        for (String key : keys) {
            Read near = cache.nearRead(key, type, settings);
            if (near != null) {
                cache.counters().hit();
                found.put(key, near.value());
            } else if (settled.test(cache.keys().valueKey(key))) {
                remote.add(key);
            }
        }
        if (remote.isEmpty()) {
            return found;
        }
        NearTier near = cache.near();
        long[] stamps = new long[remote.size()];
        String[] redisKeys = new String[remote.size()];
        for (int i = 0; i < redisKeys.length; i++) {
            stamps[i] = near == null ? NearCache.NO_STAMP : near.stamp(remote.get(i));
            redisKeys[i] = cache.keys().valueKey(remote.get(i));
        }
        List<String> values = cache.calls().quietly("mget", () -> multiGet(redisKeys));
        if (values == null) {
            return found;
        }
        for (int i = 0; i < redisKeys.length; i++) {
            String stored = values.get(i);
            if (stored == null) {
                continue;
            }
            Read read = cache.decode(redisKeys[i], stored, type, settings);
            if (read.hit()) {
                cache.counters().hit();
                found.put(remote.get(i), read.value());
                if (near != null) {
                    near.fill(remote.get(i), stamps[i], stored, type, read.value());
                }
            }
        }
        return found;
    }

    /**
     * Loads many keys with one call of a bulk loader and stores the values with two round trips in all, under the
     * same race rule as single loads: the generations of every key are read (one MGET) <i>before</i> the loader
     * runs, and each value is stored (pipelined script) only if its key's and the cache's generation are unchanged,
     * so an invalidation that happened during the load is never undone. For warming and bulk refreshes; no lease.
     *
     * @return the number of entries stored, 0 when Redis fails
     */
    int loadAll(Collection<String> keys, CacheSettings settings,
                Function<Collection<String>, Map<String, ?>> bulkLoader) {
        if (!settings.enabled() || keys.isEmpty()) {
            return 0;
        }
        CacheKeyLayout layout = cache.keys();
        List<String> keyList = List.copyOf(keys);
        String[] generationKeys = new String[keyList.size() + 1];
        for (int i = 0; i < keyList.size(); i++) {
            generationKeys[i] = layout.generationKey(layout.valueKey(keyList.get(i)));
        }
        generationKeys[keyList.size()] = layout.cacheGenerationKey();
        List<String> generations = cache.calls().quietly("mget-generations", () -> multiGet(generationKeys));
        if (generations == null) {
            return 0;
        }
        long started = System.nanoTime();
        Map<String, ?> values;
        try {
            values = bulkLoader.apply(keyList);
        } finally {
            cache.counters().load(System.nanoTime() - started);
        }
        if (System.nanoTime() - started > LoadLease.MAX_STORING_LOAD_NANOS) {
            return 0;
        }
        String cacheGeneration = LoadLease.orEmpty(generations.get(keyList.size()));
        if (layout.cluster() && !cacheGeneration.equals(lease.clusterCacheGeneration())) {
            return 0;
        }
        Integer stored = cache.calls().quietly("store-all", () -> {
            CacheScripts.STORE.load(cache.redis());
            List<Response<Object>> replies = new ArrayList<>();
            try (AbstractPipeline pipeline = cache.redis().pipelined()) {
                for (int i = 0; i < keyList.size(); i++) {
                    String key = keyList.get(i);
                    if (!values.containsKey(key)) {
                        continue;
                    }
                    Object value = values.get(key);
                    String redisKey = layout.valueKey(key);
                    if (!settled.test(redisKey)) {
                        continue;
                    }
                    String encoded = cache.encode(redisKey, value, settings);
                    if (encoded == null) {
                        continue;
                    }
                    long ttl = CacheContext.ttlMillis(value, settings);
                    String keyGeneration = LoadLease.orEmpty(generations.get(i));
                    replies.add(pipeline.evalsha(CacheScripts.STORE.sha1(), layout.loadKeys(redisKey),
                            List.of(keyGeneration, layout.cluster() ? keyGeneration : cacheGeneration, encoded,
                                    Long.toString(ttl), "")));
                }
                pipeline.sync();
            }
            int count = 0;
            for (Response<Object> reply : replies) {
                if (LoadLease.asLong(reply.get()) == 1) {
                    count++;
                }
            }
            return count;
        });
        return stored == null ? 0 : stored;
    }

    /** MGET, or one GET per key in a cluster, where MGET needs all keys in one slot. */
    private List<String> multiGet(String[] keys) {
        if (!cache.keys().cluster()) {
            return cache.redis().mget(keys);
        }
        List<String> values = new ArrayList<>(keys.length);
        for (String key : keys) {
            values.add(cache.redis().get(key));
        }
        return values;
    }
}
