package dev.devcycle.cache.internal;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.devcycle.cache.internal.near.NearCache;
import dev.devcycle.cache.internal.near.NearTier;
import dev.devcycle.redis.FailureLog;
import dev.devcycle.redis.GlobPattern;
import dev.devcycle.redis.KeySpace;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis side of one declarative cache: read-through with stampede protection, race-safe invalidation,
 * fail-open. Keys given to it are already rendered ({@link CacheKeyRenderer}); the Redis key of key {@code k} is
 * {@code <prefix><name>:<k>}. The interceptors and {@code DeclarativeCache} handles call it.
 *
 * <p>Where each part lives: the Redis layout of a key in {@link CacheKeyLayout}, the Lua scripts in
 * {@link CacheScripts}, loads shared in this JVM in {@link SingleFlight}, the lease across instances and the
 * generation-checked store in {@link LoadLease}, the path of methods returning a stage in {@link AsyncLoad}, MGET and
 * pipelines in {@link BulkAccess}, the value encoding in {@link StoredValues}, and the near cache's fill protocol in
 * {@link NearTier}. What stays here is the order of a read (near cache, GET, shared load) and the writes.
 *
 * <p>The hit path is a single GET; with a near cache ({@code cache.<name>.near-cache=true}) a repeated hit is served
 * in process, without Redis, while Redis' invalidation messages keep it coherent.
 */
public final class ReadThroughCache {

    private final CacheContext cache;
    private final AfterCommit afterCommit;
    private final SingleFlight flights = new SingleFlight();
    private final LoadLease lease;
    private final AsyncLoad async;
    private final BulkAccess bulk;
    private final PendingInvalidations pending = new PendingInvalidations();

    /**
     * @param prefix      the key prefix of every declarative cache ({@code cache.key-prefix})
     * @param values      the value pipeline (compression included, when the cache has it)
     * @param afterCommit runs writes after the active transaction commits
     * @param near        the in-process tier, or {@code null}
     */
    public ReadThroughCache(String name, String prefix, UnifiedJedis redis, StoredValues values,
                            AfterCommit afterCommit, FailureLog failures, NearCache near) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("cache name must not be empty");
        }
        CacheCounters counters = new CacheCounters(name, near);
        this.cache = new CacheContext(name, redis, new CacheKeyLayout(prefix, name, redis instanceof RedisClusterClient),
                values, counters, new FailOpen(failures, counters::error, " on cache " + name),
                near == null ? null : new NearTier(near));
        this.afterCommit = afterCommit;
        this.lease = new LoadLease(cache);
        this.async = new AsyncLoad(cache, flights, lease);
        this.bulk = new BulkAccess(cache, lease, this::settled);
    }

    public String name() {
        return cache.name();
    }

    /** The in-process tier, if this cache has one. */
    public Optional<NearCache> nearCache() {
        return Optional.ofNullable(cache.near()).map(NearTier::nearCache);
    }

    /** The Redis key prefix of this cache's entries: {@code <prefix><name>:}. */
    public String keyPrefix() {
        return cache.keys().keyPrefix();
    }

    public CacheCounters statistics() {
        return cache.counters();
    }

    /** The Redis key of a rendered key. */
    public String redisKey(String key) {
        return cache.keys().valueKey(key);
    }

    /**
     * The cached value of a key, or the loader's value, stored on the way. Concurrent callers of one key share one
     * load (in this JVM directly, across instances through the lease), waiting at most the lock-wait.
     *
     * @param type the type to read a stored value as (may be generic)
     * @return the value, possibly {@code null}
     * @throws Exception what the loader throws, unchanged; never a Redis failure
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Type type, CacheSettings settings, CacheLoader<T> loader) throws Exception {
        if (!settings.enabled()) {
            return loader.load();
        }
        Read read = cache.nearRead(key, type, settings);
        if (read != null) {
            cache.counters().hit();
            return (T) read.value();
        }
        String redisKey = redisKey(key);
        read = read(key, redisKey, type, settings);
        if (read.hit()) {
            cache.counters().hit();
            return (T) read.value();
        }
        cache.counters().miss();
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = flights.join(redisKey, mine);
        if (running != null) {
            return awaitOtherLoad(running, redisKey, type, settings, loader);
        }
        try {
            T value = lease.load(redisKey, type, settings, loader, read.failed(), LoadLease.deadline(settings));
            mine.complete(value);
            return value;
        } catch (Throwable e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.done(redisKey, mine);
        }
    }

    /**
     * As {@link #get}, for a loader that returns a stage: see {@link AsyncLoad}.
     *
     * @return a stage completing with the value, or exceptionally with the loader's exception unchanged
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> getAsync(String key, Type type, CacheSettings settings,
                                             CacheLoader<? extends CompletionStage<T>> loader) throws Exception {
        if (!settings.enabled()) {
            CompletionStage<T> stage = loader.load();
            return stage == null ? null : SingleFlight.follow((CompletionStage<Object>) stage);
        }
        String redisKey = redisKey(key);
        Read read = cache.nearRead(key, type, settings);
        if (read == null) {
            read = read(key, redisKey, type, settings);
        }
        if (read.hit()) {
            cache.counters().hit();
            return CompletableFuture.completedFuture((T) read.value());
        }
        cache.counters().miss();
        return async.load(redisKey, type, settings, loader, read.failed());
    }

    /**
     * The cached values of many keys in one round trip (near cache first, then one MGET for the rest). Only hits are
     * in the result, in the order of the keys (a cached null is a {@code null} value); the caller loads the others,
     * typically through the annotated method, which counts those misses. Fail-open: on a Redis error, the near-cache
     * hits only.
     */
    public Map<String, Object> getCached(Collection<String> keys, Type type, CacheSettings settings) {
        return bulk.getCached(keys, type, settings);
    }

    /**
     * Loads many keys with one call of a bulk loader and stores the values with two round trips in all, never
     * undoing an invalidation that happened during the load ({@link BulkAccess#loadAll}).
     *
     * @param bulkLoader the values of the keys it is given; a key absent from its result is not stored (a {@code null}
     *                   value is stored as a negative entry when the settings allow one)
     * @return the number of entries stored, 0 when Redis fails
     */
    public int loadAll(Collection<String> keys, CacheSettings settings,
                       Function<Collection<String>, Map<String, ?>> bulkLoader) {
        return bulk.loadAll(keys, settings, bulkLoader);
    }

    /**
     * Stores a value under a key, replacing any entry, after the current transaction commits (at once without one).
     * A {@code null} value removes the entry, or stores a negative entry when the settings have a negative TTL.
     */
    public void put(String key, Object value, CacheSettings settings) {
        if (!settings.enabled()) {
            return;
        }
        String redisKey = redisKey(key);
        afterCommit.execute(() -> {
            flights.forget(redisKey);
            String encoded = cache.encode(redisKey, value, settings);
            if (encoded == null) {
                invalidateNow(redisKey);
                return;
            }
            long ttl = CacheContext.ttlMillis(value, settings);
            if (cache.calls().quietly("put", () -> CacheScripts.PUT.run(cache.redis(),
                    List.of(redisKey, cache.keys().generationKey(redisKey)), List.of(LoadLease.newToken(),
                            Long.toString(CacheKeyLayout.GENERATION_TTL_MILLIS), encoded, Long.toString(ttl))))
                    == null) {
                // The old value may still be there: it is stale now, whatever happened to the write.
                invalidateNow(redisKey);
            }
            // At once for this instance; Redis' invalidation message does the same for the others (and us, again).
            invalidateNear(redisKey);
        });
    }

    /**
     * Removes the entry of a key after the current transaction commits (never after a rollback; at once without a
     * transaction). A load of the key already in flight will not store its result.
     */
    public void invalidate(String key) {
        String redisKey = redisKey(key);
        cache.counters().invalidation();
        afterCommit.execute(() -> invalidateNow(redisKey));
    }

    /**
     * Removes every entry of this cache (SCAN + UNLINK) after the current transaction commits, at once without one.
     * Loads in flight will not store their results.
     *
     * @return the number of Redis keys removed; 0 when deferred to the commit or when Redis fails
     */
    public long invalidateAll() {
        cache.counters().invalidation();
        AtomicLong removed = new AtomicLong();
        afterCommit.execute(() -> removed.set(invalidateAllNow()));
        return removed.get();
    }

    /** For tests and the REST API: how long a cached value has left, in milliseconds (-2 absent or on failure). */
    public long ttlMillis(String key) {
        Long ttl = cache.calls().quietly("pttl", () -> cache.redis().pttl(redisKey(key)));
        return ttl == null ? -2 : ttl;
    }

    /**
     * How many invalidations this instance could not complete and retries on use (an invalidate-all counts as one):
     * while non-zero, those entries are bypassed, not served. Readiness reports it.
     */
    public int pendingInvalidations() {
        return pending.count();
    }

    /** Tries every pending invalidation once more (readiness probes call it, so unused keys are settled too). */
    public void retryPendingInvalidations() {
        if (pending.isAllPending()) {
            invalidateAllNow();
        }
        for (String redisKey : pending.keys()) {
            invalidateNow(redisKey);
        }
    }

    private long invalidateAllNow() {
        CacheKeyLayout keys = cache.keys();
        flights.forgetAll(keys.keyPrefix());
        NearTier near = cache.near();
        if (near != null) {
            near.invalidateAll();
        }
        // Until it has all succeeded, nothing of this cache is served from Redis or stored by this instance.
        pending.allPending();
        // The generation first: a load that read the old one cannot store, even behind the SCAN cursor.
        if (cache.calls().quietly("invalidate-all",
                () -> cache.redis().set(keys.cacheGenerationKey(), LoadLease.newToken())) == null) {
            return 0;
        }
        AtomicLong removed = new AtomicLong();
        try {
            KeySpace.unlink(cache.redis(), GlobPattern.escape(keys.keyPrefix()) + "*",
                    key -> !key.equals(keys.cacheGenerationKey()), removed::addAndGet);
        } catch (RuntimeException e) {
            cache.calls().failed("invalidate-all", e);
            return removed.get();
        }
        pending.allSettled();
        return removed.get();
    }

    private void invalidateNow(String redisKey) {
        // Callers arriving from now on start a new load rather than join one that may have read the old row.
        flights.forget(redisKey);
        invalidateNear(redisKey);
        if (cache.calls().quietly("invalidate", () -> CacheScripts.INVALIDATE.run(cache.redis(),
                List.of(redisKey, cache.keys().generationKey(redisKey), cache.keys().leaseKey(redisKey)),
                List.of(LoadLease.newToken(), Long.toString(CacheKeyLayout.GENERATION_TTL_MILLIS)))) != null) {
            pending.settled(redisKey);
            return;
        }
        // The stale value must not be served: at least try to remove it, and bypass it until the invalidation is done.
        cache.calls().quietly("invalidate-fallback",
                () -> cache.redis().del(redisKey, cache.keys().leaseKey(redisKey)));
        pending.add(redisKey);
    }

    /**
     * Whether a Redis key may be read from and stored into Redis: true unless an invalidation of it (or of the whole
     * cache) failed, in which case it is retried now.
     */
    private boolean settled(String redisKey) {
        if (pending.isAllPending()) {
            invalidateAllNow();
            if (pending.isAllPending()) {
                return false;
            }
        }
        if (!pending.contains(redisKey)) {
            return true;
        }
        invalidateNow(redisKey);
        return !pending.contains(redisKey);
    }

    private void invalidateNear(String redisKey) {
        NearTier near = cache.near();
        if (near != null) {
            near.invalidateRedisKey(redisKey);
        }
    }

    /** One GET, filling the near cache with what it returned (unless an invalidation came in meanwhile). */
    private Read read(String key, String redisKey, Type type, CacheSettings settings) {
        if (!settled(redisKey)) {
            // Treated like a failed Redis: the caller loads and stores nothing.
            return Read.FAILED;
        }
        NearTier near = cache.near();
        // Taken before the GET: an invalidation arriving while the reply is on its way voids the fill.
        long stamp = near == null ? NearCache.NO_STAMP : near.stamp(key);
        String stored;
        try {
            stored = cache.redis().get(redisKey);
        } catch (RuntimeException e) {
            cache.calls().failed("get", e);
            return Read.FAILED;
        }
        if (stored == null) {
            return Read.MISS;
        }
        Read read = cache.decode(redisKey, stored, type, settings);
        if (read.hit() && near != null) {
            near.fill(key, stamp, stored, type, read.value());
        }
        return read;
    }

    @SuppressWarnings("unchecked")
    private <T> T awaitOtherLoad(CompletableFuture<Object> running, String redisKey, Type type, CacheSettings settings,
                                 CacheLoader<T> loader) throws Exception {
        Object value = SingleFlight.await(running, settings.lockWait());
        if (value == SingleFlight.TIMED_OUT) {
            // Waited long enough: load without waiting again (the lease may be free by now).
            return lease.load(redisKey, type, settings, loader, false, System.nanoTime());
        }
        if (value == SingleFlight.INTERRUPTED) {
            return loader.load();
        }
        cache.counters().suppressedLoad();
        return (T) value;
    }
}
