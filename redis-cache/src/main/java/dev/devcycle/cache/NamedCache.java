package dev.devcycle.cache;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.devcycle.cache.near.ImmutableTypes;
import dev.devcycle.cache.near.NearCache;
import dev.devcycle.redis.KeySpace;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * One named cache of the annotations: read-through with stampede protection, race-safe invalidation, fail-open.
 * Obtain it from {@link NamedCaches#cache(String)}; keys given to it are already rendered
 * ({@link CacheKeyRenderer}). The Redis key of key {@code k} is {@code <prefix><name>:<k>}.
 *
 * <p><b>Redis layout</b> of one key {@code K = <prefix><name>:<k>}:
 * <ul>
 * <li>{@code K}: the value, with its TTL ({@code null} results as JSON {@code null} when negative caching is on);</li>
 * <li>{@code K:\gen}: the key's generation, a random token replaced by each invalidation, kept
 * {@value #GENERATION_TTL_MINUTES} minutes;</li>
 * <li>{@code K:\lock}: the load lease of one instance ({@code SET NX PX}, as long as the lock-wait);</li>
 * <li>{@code <prefix><name>:\gen}: the cache's generation, replaced by each invalidate-all.</li>
 * </ul>
 * The {@code \} makes these names impossible as rendered keys, so they never collide with values.
 *
 * <p><b>Why generations.</b> A loader that missed, read the old row, and stores after a writer's invalidation would
 * put the old row back until the TTL. So a loader reads both generations (in the same script that takes the lease)
 * before calling the method, and its store is a script that writes only when both are unchanged. Generations are
 * random tokens, not counters, so one deleted and recreated never matches an old read. A per-key generation expires;
 * a load taking longer than half its lifetime does not store, so an expired generation cannot be mistaken for an
 * unchanged one.
 *
 * <p>The hit path is a single GET; with a {@linkplain NearCache near cache} ({@code cache.<name>.near-cache=true})
 * a repeated hit is served in process, without Redis, while Redis' invalidation messages keep it coherent.
 */
public final class NamedCache {

    static final String LEASE_SUFFIX = ":\\lock";
    static final String GENERATION_SUFFIX = ":\\gen";
    static final int GENERATION_TTL_MINUTES = 10;
    static final long GENERATION_TTL_MILLIS = TimeUnit.MINUTES.toMillis(GENERATION_TTL_MINUTES);
    /** A load slower than this stores nothing: its key generation may have expired meanwhile. */
    static final long MAX_STORING_LOAD_NANOS = TimeUnit.MILLISECONDS.toNanos(GENERATION_TTL_MILLIS / 2);
    /** The stored form of a cached null: what JSON-B and Python's json write for null/None. */
    static final String NEGATIVE = "null";

    /** Reads value and generations and, when the value is absent, tries the lease: one round trip. */
    private static final RedisScript BEGIN_LOAD = new RedisScript("""
            local value = redis.call('GET', KEYS[1])
            local keyGen = redis.call('GET', KEYS[2]) or ''
            local cacheGen = redis.call('GET', KEYS[3]) or ''
            if value then
              return {1, value, keyGen, cacheGen, 0}
            end
            local leased = 0
            if ARGV[1] ~= '' and redis.call('SET', KEYS[4], ARGV[1], 'NX', 'PX', ARGV[2]) then
              leased = 1
            end
            return {0, '', keyGen, cacheGen, leased}
            """);

    /** Stores only when neither generation changed since the load began; always gives back the caller's lease. */
    private static final RedisScript STORE = new RedisScript("""
            local stored = 0
            if (redis.call('GET', KEYS[2]) or '') == ARGV[1] and (redis.call('GET', KEYS[3]) or '') == ARGV[2] then
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
              stored = 1
            end
            if ARGV[5] ~= '' and redis.call('GET', KEYS[4]) == ARGV[5] then
              redis.call('DEL', KEYS[4])
            end
            return stored
            """);

    private static final RedisScript RELEASE = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    /**
     * Value and lease gone, new key generation. Dropping the lease lets a waiting instance load the new row at once
     * instead of waiting for a load whose store will be refused.
     *
     * <p>The DELs come first: a Redis at its memory limit with {@code noeviction} refuses a script whose first write
     * is a SET (OOM) and runs nothing of it, but a script that has already written is allowed to finish (atomicity
     * wins over the limit). DEL is never refused for memory, so the stale value goes even then.
     */
    private static final RedisScript INVALIDATE = new RedisScript("""
            local removed = redis.call('DEL', KEYS[1])
            redis.call('DEL', KEYS[3])
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
            return removed
            """);

    /**
     * Old value gone, new key generation (so loads in flight cannot overwrite), then the value; the DEL first for the
     * same reason as in {@link #INVALIDATE}: at the memory limit the old value must not outlive the write.
     */
    private static final RedisScript PUT = new RedisScript("""
            redis.call('DEL', KEYS[1])
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
            redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
            return 1
            """);

    /** Keys whose invalidation could not be completed that this instance keeps track of; beyond it, the whole cache. */
    static final int MAX_PENDING_INVALIDATIONS = 10_000;

    private final String name;
    private final String keyPrefix;
    private final String cacheGenerationKey;
    private final UnifiedJedis redis;
    /**
     * Redis Cluster: a script or MGET may only touch keys of one slot. The key's generation and lease are then named
     * {@code {K}:\gen} and {@code {K}:\lock} (the hash tag puts them in K's slot), multi-key reads become single
     * GETs, and the cache's generation (in another slot) is checked in Java just before a store instead of inside the
     * script: an invalidate-all racing that check by a round trip may leave one stale entry until its TTL.
     */
    private final boolean cluster;
    private final ValueCodec codec;
    private final long maxValueBytes;
    private final AfterCommit afterCommit;
    private final FailureLog failures;
    private final NamedCacheStatistics statistics;
    /** Compression of large values ({@code cache.<name>.compress-above}); off unless configured. */
    private volatile ValueCompression compression = ValueCompression.off();
    /** The in-process tier, or null when off; set once, before the cache is used. */
    private volatile NearCache near;
    /** Loads in progress in this JVM, by Redis key: concurrent misses of one key share one load. */
    private final Map<String, CompletableFuture<Object>> inflight = new ConcurrentHashMap<>();
    /**
     * Redis keys whose invalidation failed (Redis unreachable, or refusing it): their entry may still be the stale
     * one, so this instance neither serves nor stores it, and retries the invalidation on each use until it succeeds.
     */
    private final Set<String> pendingInvalidations = ConcurrentHashMap.newKeySet();
    /** An invalidate-all that failed: the whole cache is bypassed (and the invalidate-all retried) until it succeeds. */
    private volatile boolean pendingInvalidateAll;

    NamedCache(String name, String prefix, UnifiedJedis redis, ValueCodec codec, long maxValueBytes,
               AfterCommit afterCommit, FailureLog failures) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("cache name must not be empty");
        }
        this.name = name;
        this.keyPrefix = prefix + name + CacheKeyRenderer.SEPARATOR;
        this.cacheGenerationKey = prefix + name + GENERATION_SUFFIX;
        this.redis = redis;
        this.cluster = redis instanceof RedisClusterClient;
        this.codec = codec;
        this.maxValueBytes = maxValueBytes;
        this.afterCommit = afterCommit;
        this.failures = failures;
        this.statistics = new NamedCacheStatistics(name);
    }

    public String name() {
        return name;
    }

    /** Puts an in-process tier in front of Redis (see {@link NearCache}); its counters join the statistics. */
    void useNearCache(NearCache nearCache) {
        this.near = nearCache;
        statistics.nearCache(nearCache);
    }

    /** Stores encoded values above this many bytes Zstandard-compressed (0: never); see {@link ValueCompression}. */
    void useCompression(int thresholdBytes) {
        this.compression = new ValueCompression(thresholdBytes);
    }

    /** The in-process tier, if this cache has one. */
    public java.util.Optional<NearCache> nearCache() {
        return java.util.Optional.ofNullable(near);
    }

    /** The Redis key prefix of this cache's entries: {@code <prefix><name>:}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    public NamedCacheStatistics statistics() {
        return statistics;
    }

    /** The Redis key of a rendered key. */
    public String redisKey(String key) {
        return keyPrefix + key;
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
        Read read = nearRead(key, type, settings);
        if (read != null) {
            statistics.hit();
            return (T) read.value;
        }
        String redisKey = redisKey(key);
        read = read(key, redisKey, type, settings);
        if (read.hit) {
            statistics.hit();
            return (T) read.value;
        }
        statistics.miss();
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inflight.putIfAbsent(redisKey, mine);
        if (running != null) {
            return awaitOtherLoad(running, redisKey, type, settings, loader);
        }
        try {
            T value = load(redisKey, type, settings, loader, read.failed, deadline(settings));
            mine.complete(value);
            return value;
        } catch (Throwable e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inflight.remove(redisKey, mine);
        }
    }

    /**
     * The cached values of many keys in one round trip (near cache first, then one MGET for the rest). Only hits are
     * in the result, in the order of the keys (a cached null is a {@code null} value); the caller loads the others,
     * typically through the annotated method, which counts those misses. Fail-open: on a Redis error, the near-cache
     * hits only.
     */
    public Map<String, Object> getCached(Collection<String> keys, Type type, CacheSettings settings) {
        Map<String, Object> found = new LinkedHashMap<>();
        if (!settings.enabled() || keys.isEmpty()) {
            return found;
        }
        List<String> remote = new ArrayList<>(keys.size());
        for (String key : keys) {
            Read near = nearRead(key, type, settings);
            if (near != null) {
                statistics.hit();
                found.put(key, near.value);
            } else if (settled(redisKey(key))) {
                remote.add(key);
            }
        }
        if (remote.isEmpty()) {
            return found;
        }
        NearCache n = near;
        long[] stamps = new long[remote.size()];
        String[] redisKeys = new String[remote.size()];
        for (int i = 0; i < redisKeys.length; i++) {
            stamps[i] = n == null ? NearCache.NO_STAMP : n.stamp(remote.get(i));
            redisKeys[i] = redisKey(remote.get(i));
        }
        List<String> values = quietly("mget", () -> multiGet(redisKeys));
        if (values == null) {
            return found;
        }
        for (int i = 0; i < redisKeys.length; i++) {
            String stored = values.get(i);
            if (stored == null) {
                continue;
            }
            Read read = decode(redisKeys[i], stored, type, settings);
            if (read.hit) {
                statistics.hit();
                found.put(remote.get(i), read.value);
                if (stamps[i] != NearCache.NO_STAMP) {
                    fillNear(n, remote.get(i), stamps[i], stored, type, read);
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
     * @param bulkLoader the values of the keys it is given; a key absent from its result is not stored (a {@code null}
     *                   value is stored as a negative entry when the settings allow one)
     * @return the number of entries stored, 0 when Redis fails
     */
    public int loadAll(Collection<String> keys, CacheSettings settings,
                       Function<Collection<String>, Map<String, ?>> bulkLoader) {
        if (!settings.enabled() || keys.isEmpty()) {
            return 0;
        }
        List<String> keyList = List.copyOf(keys);
        String[] generationKeys = new String[keyList.size() + 1];
        for (int i = 0; i < keyList.size(); i++) {
            generationKeys[i] = generationKey(redisKey(keyList.get(i)));
        }
        generationKeys[keyList.size()] = cacheGenerationKey;
        List<String> generations = quietly("mget-generations", () -> multiGet(generationKeys));
        if (generations == null) {
            return 0;
        }
        long started = System.nanoTime();
        Map<String, ?> values;
        try {
            values = bulkLoader.apply(keyList);
        } finally {
            statistics.load(System.nanoTime() - started);
        }
        if (System.nanoTime() - started > MAX_STORING_LOAD_NANOS) {
            return 0;
        }
        String cacheGeneration = orEmpty(generations.get(keyList.size()));
        if (cluster && !cacheGeneration.equals(clusterCacheGeneration())) {
            return 0;
        }
        Integer stored = quietly("store-all", () -> {
            STORE.load(redis);
            List<Response<Object>> replies = new ArrayList<>();
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (int i = 0; i < keyList.size(); i++) {
                    String key = keyList.get(i);
                    if (!values.containsKey(key)) {
                        continue;
                    }
                    Object value = values.get(key);
                    String redisKey = redisKey(key);
                    if (!settled(redisKey)) {
                        continue;
                    }
                    String encoded = encodeForStore(redisKey, value, settings);
                    if (encoded == null) {
                        continue;
                    }
                    long ttl = value == null ? settings.negativeTtl().orElseThrow().toMillis()
                            : settings.ttlMillisWithJitter();
                    String keyGeneration = orEmpty(generations.get(i));
                    replies.add(pipeline.evalsha(STORE.sha1(),
                            List.of(redisKey, generationKey(redisKey), scriptCacheGenerationKey(redisKey),
                                    leaseKey(redisKey)),
                            List.of(keyGeneration, cluster ? keyGeneration : cacheGeneration, encoded,
                                    Long.toString(ttl), "")));
                }
                pipeline.sync();
            }
            int count = 0;
            for (Response<Object> reply : replies) {
                if (asLong(reply.get()) == 1) {
                    count++;
                }
            }
            return count;
        });
        return stored == null ? 0 : stored;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * As {@link #get}, for a loader that returns a stage: the value is stored when the stage completes normally; a
     * failed stage stores nothing. Concurrent callers in this JVM share the stage; a caller does not wait for another
     * instance's lease (that would block the calling thread) but loads and stores under the same generation rules.
     *
     * @return a stage completing with the value, or exceptionally with the loader's exception unchanged
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> getAsync(String key, Type type, CacheSettings settings,
                                             CacheLoader<? extends CompletionStage<T>> loader) throws Exception {
        if (!settings.enabled()) {
            CompletionStage<T> stage = loader.load();
            return stage == null ? null : follow((CompletionStage<Object>) stage);
        }
        String redisKey = redisKey(key);
        Read read = nearRead(key, type, settings);
        if (read == null) {
            read = read(key, redisKey, type, settings);
        }
        if (read.hit) {
            statistics.hit();
            return CompletableFuture.completedFuture((T) read.value);
        }
        statistics.miss();
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inflight.putIfAbsent(redisKey, mine);
        if (running != null) {
            statistics.suppressedLoad();
            return follow(running);
        }
        String token = read.failed ? "" : newToken();
        Ticket ticket = read.failed ? null : begin(redisKey, token, settings);
        if (ticket != null && ticket.found) {
            Read found = decode(redisKey, ticket.value, type, settings);
            if (found.hit) {
                mine.complete(found.value);
                inflight.remove(redisKey, mine);
                return CompletableFuture.completedFuture((T) found.value);
            }
        }
        long started = System.nanoTime();
        CompletionStage<T> stage;
        try {
            stage = loader.load();
        } catch (Throwable e) {
            statistics.load(System.nanoTime() - started);
            release(redisKey, ticket, token);
            mine.completeExceptionally(e);
            inflight.remove(redisKey, mine);
            throw e;
        }
        if (stage == null) {
            // Not a stage to cache: nothing to store, callers sharing the load get null.
            statistics.load(System.nanoTime() - started);
            release(redisKey, ticket, token);
            mine.complete(null);
            inflight.remove(redisKey, mine);
            return null;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            statistics.load(System.nanoTime() - started);
            Throwable cause = unwrap(error);
            try {
                if (cause == null && ticket != null) {
                    store(redisKey, ticket, token, value, settings, started);
                } else {
                    release(redisKey, ticket, token);
                }
            } finally {
                inflight.remove(redisKey, mine);
                // Completed after the store, so a caller's next call after completion is a hit.
                if (cause == null) {
                    mine.complete(value);
                    result.complete(value);
                } else {
                    mine.completeExceptionally(cause);
                    result.completeExceptionally(cause);
                }
            }
        });
        return result;
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
            inflight.remove(redisKey);
            String encoded = encodeForStore(redisKey, value, settings);
            if (encoded == null) {
                invalidateNow(redisKey);
                return;
            }
            long ttl = value == null ? settings.negativeTtl().orElseThrow().toMillis() : settings.ttlMillisWithJitter();
            if (quietly("put", () -> PUT.run(redis, List.of(redisKey, generationKey(redisKey)),
                    List.of(newToken(), Long.toString(GENERATION_TTL_MILLIS), encoded, Long.toString(ttl)))) == null) {
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
        statistics.invalidation();
        afterCommit.execute(() -> invalidateNow(redisKey));
    }

    /**
     * Removes every entry of this cache (SCAN + UNLINK) after the current transaction commits, at once without one.
     * Loads in flight will not store their results.
     *
     * @return the number of Redis keys removed; 0 when deferred to the commit or when Redis fails
     */
    public long invalidateAll() {
        statistics.invalidation();
        AtomicLong removed = new AtomicLong();
        afterCommit.execute(() -> removed.set(invalidateAllNow()));
        return removed.get();
    }

    private long invalidateAllNow() {
        inflight.keySet().removeIf(k -> k.startsWith(keyPrefix));
        NearCache n = near;
        if (n != null) {
            n.invalidateAll();
        }
        // Until it has all succeeded, nothing of this cache is served from Redis or stored by this instance.
        pendingInvalidateAll = true;
        // The generation first: a load that read the old one cannot store, even behind the SCAN cursor.
        if (quietly("invalidate-all", () -> redis.set(cacheGenerationKey, newToken())) == null) {
            return 0;
        }
        AtomicLong removed = new AtomicLong();
        try {
            KeySpace.unlink(redis, GlobPattern.escape(keyPrefix) + "*", key -> !key.equals(cacheGenerationKey),
                    removed::addAndGet);
        } catch (RuntimeException e) {
            failed("invalidate-all", e);
            return removed.get();
        }
        pendingInvalidateAll = false;
        // Every key is gone now, the ones whose own invalidation failed included.
        pendingInvalidations.clear();
        return removed.get();
    }

    private void invalidateNow(String redisKey) {
        // Callers arriving from now on start a new load rather than join one that may have read the old row.
        inflight.remove(redisKey);
        invalidateNear(redisKey);
        if (quietly("invalidate", () -> INVALIDATE.run(redis,
                List.of(redisKey, generationKey(redisKey), leaseKey(redisKey)),
                List.of(newToken(), Long.toString(GENERATION_TTL_MILLIS)))) != null) {
            pendingInvalidations.remove(redisKey);
            return;
        }
        // The stale value must not be served: at least try to remove it, and bypass it until the invalidation is done.
        quietly("invalidate-fallback", () -> redis.del(redisKey, leaseKey(redisKey)));
        if (pendingInvalidations.size() < MAX_PENDING_INVALIDATIONS) {
            pendingInvalidations.add(redisKey);
        } else {
            pendingInvalidateAll = true;
        }
    }

    /**
     * Whether a Redis key may be read from and stored into Redis: true unless an invalidation of it (or of the whole
     * cache) failed, in which case it is retried now.
     */
    private boolean settled(String redisKey) {
        if (pendingInvalidateAll) {
            invalidateAllNow();
            if (pendingInvalidateAll) {
                return false;
            }
        }
        if (pendingInvalidations.isEmpty() || !pendingInvalidations.contains(redisKey)) {
            return true;
        }
        invalidateNow(redisKey);
        return !pendingInvalidations.contains(redisKey);
    }

    /**
     * How many invalidations this instance could not complete and retries on use (an invalidate-all counts as one):
     * while non-zero, those entries are bypassed, not served. Readiness reports it.
     */
    public int pendingInvalidations() {
        return pendingInvalidations.size() + (pendingInvalidateAll ? 1 : 0);
    }

    /** Tries every pending invalidation once more (readiness probes call it, so unused keys are settled too). */
    void retryPendingInvalidations() {
        if (pendingInvalidateAll) {
            invalidateAllNow();
        }
        for (String redisKey : List.copyOf(pendingInvalidations)) {
            invalidateNow(redisKey);
        }
    }

    private void invalidateNear(String redisKey) {
        NearCache n = near;
        if (n != null) {
            n.invalidateRedisKey(redisKey);
        }
    }

    /**
     * The near cache's answer for a key, or null to ask Redis. An entry is the decoded value with its type (only for
     * deep-immutable types, so sharing it is safe) or the stored text, decoded fresh for each caller.
     */
    private Read nearRead(String key, Type type, CacheSettings settings) {
        NearCache n = near;
        if (n == null) {
            return null;
        }
        Object entry = n.get(key);
        if (entry == NearCache.MISS) {
            return null;
        }
        if (entry instanceof Decoded decoded) {
            return decoded.type.equals(type) ? Read.hit(decoded.value) : null;
        }
        if (entry == NearCache.NULL) {
            return settings.negativeTtl().isPresent() ? Read.hit(null) : null;
        }
        Read read = decode(keyPrefix + key, (String) entry, type, settings);
        return read.hit ? read : null;
    }

    /** Keeps what a Redis read returned in the near cache, unless an invalidation came in since the stamp. */
    private void fillNear(NearCache n, String key, long stamp, String stored, Type type, Read read) {
        if (read.value == null) {
            n.put(key, stamp, NearCache.NULL);
        } else if (ImmutableTypes.isDeeplyImmutable(type)) {
            n.put(key, stamp, new Decoded(type, read.value));
        } else {
            n.put(key, stamp, stored);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T awaitOtherLoad(CompletableFuture<Object> running, String redisKey, Type type, CacheSettings settings,
                                 CacheLoader<T> loader) throws Exception {
        try {
            T value = (T) running.get(settings.lockWait().toNanos(), TimeUnit.NANOSECONDS);
            statistics.suppressedLoad();
            return value;
        } catch (ExecutionException e) {
            // The shared load failed: every caller sharing it sees its exception, unchanged.
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (TimeoutException e) {
            // Waited long enough: load without waiting again (the lease may be free by now).
            return load(redisKey, type, settings, loader, false, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return loader.load();
        }
    }

    /**
     * The load of one caller: take the lease or wait (until the deadline) for the instance holding it to store the
     * value; then call the loader and store its value under the generations read before the call.
     */
    @SuppressWarnings("unchecked")
    private <T> T load(String redisKey, Type type, CacheSettings settings, CacheLoader<T> loader, boolean redisFailed,
                       long deadline) throws Exception {
        if (redisFailed) {
            // Redis just failed the GET: do not spend more timeouts on it in this call.
            return timed(loader);
        }
        String token = newToken();
        boolean waited = false;
        while (true) {
            long started = System.nanoTime();
            Ticket ticket = begin(redisKey, token, settings);
            if (ticket == null) {
                return timed(loader);
            }
            if (ticket.found) {
                Read found = decode(redisKey, ticket.value, type, settings);
                if (found.hit) {
                    if (waited) {
                        statistics.suppressedLoad();
                    }
                    return (T) found.value;
                }
                // Present but unusable (undecodable, or a negative entry this method does not accept): replace it.
                return loadAndStore(redisKey, ticket, "", settings, loader, started);
            }
            if (ticket.leased || System.nanoTime() - deadline >= 0) {
                return loadAndStore(redisKey, ticket, ticket.leased ? token : "", settings, loader, started);
            }
            waited = true;
            try {
                Thread.sleep(pollMillis(settings));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return loadAndStore(redisKey, ticket, "", settings, loader, started);
            }
        }
    }

    private <T> T loadAndStore(String redisKey, Ticket ticket, String token, CacheSettings settings,
                               CacheLoader<T> loader, long started) throws Exception {
        T value;
        try {
            value = timed(loader);
        } catch (Throwable e) {
            release(redisKey, ticket, token);
            throw e;
        }
        store(redisKey, ticket, token, value, settings, started);
        return value;
    }

    private <T> T timed(CacheLoader<T> loader) throws Exception {
        long started = System.nanoTime();
        try {
            return loader.load();
        } finally {
            statistics.load(System.nanoTime() - started);
        }
    }

    private void store(String redisKey, Ticket ticket, String token, Object value, CacheSettings settings,
                       long started) {
        String encoded = encodeForStore(redisKey, value, settings);
        if (encoded == null || System.nanoTime() - started > MAX_STORING_LOAD_NANOS) {
            release(redisKey, ticket, token);
            return;
        }
        if (cluster && !ticket.cacheGeneration.equals(clusterCacheGeneration())) {
            // An invalidate-all (or a Redis failure) since the load began: store nothing.
            release(redisKey, ticket, token);
            return;
        }
        long ttl = value == null ? settings.negativeTtl().orElseThrow().toMillis() : settings.ttlMillisWithJitter();
        String scriptCacheGeneration = cluster ? ticket.keyGeneration : ticket.cacheGeneration;
        quietly("store", () -> STORE.run(redis,
                List.of(redisKey, generationKey(redisKey), scriptCacheGenerationKey(redisKey), leaseKey(redisKey)),
                List.of(ticket.keyGeneration, scriptCacheGeneration, encoded, Long.toString(ttl), token)));
    }

    /** The stored text of a value, or null when it must not be stored. */
    private String encodeForStore(String redisKey, Object value, CacheSettings settings) {
        if (value == null) {
            return settings.negativeTtl().isPresent() ? NEGATIVE : null;
        }
        if (NEGATIVE.equals(value)) {
            // The text "null" would read back as a cached null.
            return null;
        }
        String encoded;
        try {
            encoded = codec.encode(value);
        } catch (UndecodableValueException e) {
            failures.failure("encode for " + redisKey, e);
            return null;
        }
        if (encoded.length() * 3L > maxValueBytes && encoded.getBytes(StandardCharsets.UTF_8).length > maxValueBytes) {
            failures.failure("store of " + redisKey, new IllegalArgumentException(
                    "value exceeds the limit of " + maxValueBytes + " bytes"));
            return null;
        }
        return compression.compress(encoded);
    }

    private void release(String redisKey, Ticket ticket, String token) {
        if (ticket != null && ticket.leased && !token.isEmpty()) {
            quietly("release", () -> RELEASE.run(redis, List.of(leaseKey(redisKey)), List.of(token)));
        }
    }

    private Ticket begin(String redisKey, String token, CacheSettings settings) {
        // In a cluster the cache generation is read first, so an invalidate-all after it is seen at store time.
        String clusterCacheGeneration = cluster ? clusterCacheGeneration() : null;
        if (cluster && clusterCacheGeneration == null) {
            return null;
        }
        Object reply = quietly("begin-load", () -> BEGIN_LOAD.run(redis,
                List.of(redisKey, generationKey(redisKey), scriptCacheGenerationKey(redisKey), leaseKey(redisKey)),
                List.of(token, Long.toString(Math.max(1, settings.lockWait().toMillis())))));
        if (!(reply instanceof List<?> list) || list.size() < 5) {
            return null;
        }
        return new Ticket(asLong(list.get(0)) == 1, asString(list.get(1)), asString(list.get(2)),
                cluster ? clusterCacheGeneration : asString(list.get(3)), asLong(list.get(4)) == 1);
    }

    private Read read(String key, String redisKey, Type type, CacheSettings settings) {
        if (!settled(redisKey)) {
            // Treated like a failed Redis: the caller loads and stores nothing.
            return Read.FAILED;
        }
        NearCache n = near;
        // Taken before the GET: an invalidation arriving while the reply is on its way voids the fill.
        long stamp = n == null ? NearCache.NO_STAMP : n.stamp(key);
        String stored;
        try {
            stored = redis.get(redisKey);
        } catch (RuntimeException e) {
            failed("get", e);
            return Read.FAILED;
        }
        if (stored == null) {
            return Read.MISS;
        }
        Read read = decode(redisKey, stored, type, settings);
        if (read.hit && stamp != NearCache.NO_STAMP) {
            fillNear(n, key, stamp, stored, type, read);
        }
        return read;
    }

    /** MGET, or one GET per key in a cluster, where MGET needs all keys in one slot. */
    private List<String> multiGet(String[] keys) {
        if (!cluster) {
            return redis.mget(keys);
        }
        List<String> values = new ArrayList<>(keys.length);
        for (String key : keys) {
            values.add(redis.get(key));
        }
        return values;
    }

    private String generationKey(String redisKey) {
        return auxiliaryKey(redisKey, GENERATION_SUFFIX);
    }

    private String leaseKey(String redisKey) {
        return auxiliaryKey(redisKey, LEASE_SUFFIX);
    }

    private String auxiliaryKey(String redisKey, String suffix) {
        return cluster && !hasHashTag(redisKey) ? "{" + redisKey + "}" + suffix : redisKey + suffix;
    }

    /** Whether Redis Cluster hashes the key by a {tag} of its own (then K + suffix shares K's slot already). */
    static boolean hasHashTag(String key) {
        int open = key.indexOf('{');
        if (open < 0) {
            return false;
        }
        int close = key.indexOf('}', open + 1);
        return close > open + 1;
    }

    /** The cache generation as the scripts see it: in a cluster the key's own generation stands in (see cluster). */
    private String scriptCacheGenerationKey(String redisKey) {
        return cluster ? generationKey(redisKey) : cacheGenerationKey;
    }

    /** The cache generation read outside the scripts (cluster mode), or null when Redis fails. */
    private String clusterCacheGeneration() {
        return quietly("cache-generation", () -> orEmpty(redis.get(cacheGenerationKey)));
    }

    private Read decode(String redisKey, String stored, Type type, CacheSettings settings) {
        if (NEGATIVE.equals(stored)) {
            return settings.negativeTtl().isPresent() ? Read.hit(null) : Read.MISS;
        }
        try {
            return Read.hit(codec.decode(ValueCompression.decompress(stored), boxed(type)));
        } catch (UndecodableValueException e) {
            // Written by another version or service in another shape: a miss, replaced by the next store.
            failures.failure("decode of " + redisKey, e);
            return Read.MISS;
        }
    }

    private <R> R quietly(String operation, java.util.function.Supplier<R> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            failed(operation, e);
            return null;
        }
    }

    private void failed(String operation, RuntimeException e) {
        statistics.error();
        failures.failure(operation + " on cache " + name, e);
    }

    private static long deadline(CacheSettings settings) {
        return System.nanoTime() + settings.lockWait().toNanos();
    }

    private static long pollMillis(CacheSettings settings) {
        return Math.max(5, Math.min(50, settings.lockWait().toMillis() / 20));
    }

    private static String newToken() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> follow(CompletionStage<Object> stage) {
        CompletableFuture<T> copy = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error == null) {
                copy.complete((T) value);
            } else {
                copy.completeExceptionally(unwrap(error));
            }
        });
        return copy;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    static Type boxed(Type type) {
        if (!(type instanceof Class<?> c) || !c.isPrimitive()) {
            return type;
        }
        return switch (c.getName()) {
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            case "byte" -> Byte.class;
            case "short" -> Short.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "float" -> Float.class;
            case "double" -> Double.class;
            default -> type;
        };
    }

    private static long asLong(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }

    private static String asString(Object o) {
        if (o instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return o == null ? "" : o.toString();
    }

    /** Generations read and lease taken at the start of a load. */
    private record Ticket(boolean found, String value, String keyGeneration, String cacheGeneration, boolean leased) {
    }

    /** A near-cache entry shared as is: a deep-immutable value and the type it was decoded as. */
    private record Decoded(Type type, Object value) {
    }

    /** The outcome of reading a key. */
    private record Read(boolean hit, Object value, boolean failed) {
        static final Read MISS = new Read(false, null, false);
        static final Read FAILED = new Read(false, null, true);

        static Read hit(Object value) {
            return new Read(true, value, false);
        }
    }

    /** For tests and the REST API: how long a cached value has left, in milliseconds (-2 absent or on failure). */
    long ttlMillis(String key) {
        Long ttl = quietly("pttl", () -> redis.pttl(redisKey(key)));
        return ttl == null ? -2 : ttl;
    }
}
