package dev.devcycle.cache;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

import dev.devcycle.cache.internal.FailOpen;
import dev.devcycle.cache.internal.StoredValues;
import dev.devcycle.redis.FailureLog;
import dev.devcycle.redis.GlobPattern;
import dev.devcycle.redis.RedisInfo;

import dev.devcycle.redis.KeySpace;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * A Redis-backed cache over one key namespace: every key given to it is stored as {@code <namespace><key>}.
 *
 * <p>Inject it: {@code @Inject RedisCache cache} for the default namespace ({@value #DEFAULT_NAMESPACE}, or
 * {@code cache.default-namespace}), or
 * {@code @Inject @CacheNamespace("my_app:") RedisCache cache} for another one.
 *
 * <p><b>Values.</b> A {@code String} is stored as its raw text, any other value as JSON with snake_case property names
 * (see {@link ValueCodec}), so the original Python services read and write the same entries.
 *
 * <p><b>Failure.</b> Redis is an accelerator, never the truth: every operation is fail-open. When Redis cannot be
 * reached or answers with an error, {@code get} is absent, {@code set}/{@code delete}/{@code exists} are
 * {@code false}, {@code getTtl} is {@code -2}, {@code clearPattern} returns what it deleted before the failure,
 * {@code report} says Redis is not connected, with the {@code error}. No operation throws for a Redis
 * failure; each one returns within the configured socket timeouts. Failures are counted and logged without flooding.
 *
 * <p><b>Patterns.</b> {@link #clearPattern} and the key count of {@link #report} use SCAN and UNLINK in batches,
 * never KEYS, and never reach outside the namespace: the namespace is matched literally and the pattern only
 * after it. Use {@link GlobPattern#escape} for caller-supplied parts of a pattern.
 *
 * <p>How it differs from a {@link DeclarativeCache}: here the caller picks every key and TTL (a key-value store over a
 * namespace, like the Python services' {@code RedisCache}); the declarative caches render keys from method arguments,
 * bind their TTLs per cache and add stampede protection and race-safe invalidation.
 *
 * <p>Thread-safe; one instance per namespace is shared by the application. Without CDI, construct it over a client
 * of your own ({@code RedisClientSettings#createClient}).
 */
public class RedisCache {

    /** The namespace of {@code @Inject RedisCache} without qualifier, unless {@code cache.default-namespace} is set. */
    public static final String DEFAULT_NAMESPACE = "devcycle:cache:";

    private static final Logger LOG = Logger.getLogger(RedisCache.class.getName());

    private final UnifiedJedis redis;
    private final String namespace;
    private final String namespacePattern;
    private final StoredValues values;
    private final RedisCacheStatistics statistics = new RedisCacheStatistics();
    private final FailOpen calls;

    /**
     * @param redis         the pooled client
     * @param namespace     the key prefix, not empty
     * @param codec         the value encoding
     * @param maxValueBytes the largest encoded value {@code set} stores
     */
    public RedisCache(UnifiedJedis redis, String namespace, ValueCodec codec, long maxValueBytes) {
        this(redis, namespace, codec, maxValueBytes, new FailureLog(LOG));
    }

    RedisCache(UnifiedJedis redis, String namespace, ValueCodec codec, long maxValueBytes, FailureLog failures) {
        if (namespace == null || namespace.isEmpty()) {
            throw new IllegalArgumentException("cache namespace must not be empty");
        }
        this.redis = Objects.requireNonNull(redis);
        this.namespace = namespace;
        this.namespacePattern = GlobPattern.escape(namespace);
        this.values = new StoredValues(Objects.requireNonNull(codec), maxValueBytes, failures);
        this.calls = new FailOpen(failures, statistics::error, "");
    }

    /** The key prefix of this cache. */
    public String namespace() {
        return namespace;
    }

    /** The Redis key of a cache key: the namespace followed by the key. */
    public String redisKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("cache key must not be empty");
        }
        return namespace + key;
    }

    /** The largest encoded value, in bytes, that {@link #set} stores. */
    public long maxValueBytes() {
        return values.maxValueBytes();
    }

    /** This instance's hit, miss and error counters for the namespace. */
    public RedisCacheStatistics statistics() {
        return statistics;
    }

    /**
     * The value stored under a key, read as the given type.
     *
     * @return the value; empty when absent, undecodable (the entry is then removed) or when Redis fails
     */
    public <T> Optional<T> get(String key, Class<T> type) {
        return get(key, (Type) type);
    }

    /**
     * The value stored under a key, read as a possibly generic type, e.g.
     * {@code new ArrayList<String>() {}.getClass().getGenericSuperclass()} or a type from reflection.
     *
     * @return the value; empty when absent, undecodable (the entry is then removed) or when Redis fails
     */
    public <T> Optional<T> get(String key, Type type) {
        String redisKey = redisKey(key);
        String stored;
        try {
            stored = redis.get(redisKey);
        } catch (RuntimeException e) {
            calls.failed("get", e);
            statistics.miss();
            return Optional.empty();
        }
        if (stored == null) {
            statistics.miss();
            return Optional.empty();
        }
        Object value = values.decode(redisKey, stored, type);
        if (value == StoredValues.UNREADABLE) {
            // A value this type cannot read is as good as absent; evict it so the next load replaces it.
            statistics.miss();
            quietly("unlink", r -> r.unlink(redisKey));
            return Optional.empty();
        }
        statistics.hit();
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return Optional.ofNullable(typed);
    }

    /** Stores a value without expiry; true when stored. */
    public boolean set(String key, Object value) {
        return set(key, value, null);
    }

    /**
     * Stores a value, replacing any previous one.
     *
     * @param ttl time to live, {@code null} for none; sub-second TTLs are kept to the millisecond
     * @return true when stored; false when Redis fails or the encoded value is larger than {@link #maxValueBytes()}
     * @throws IllegalArgumentException for a null value or a TTL that is zero or negative
     */
    public boolean set(String key, Object value, Duration ttl) {
        String redisKey = redisKey(key);
        if (value == null) {
            throw new IllegalArgumentException("cache value must not be null");
        }
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            throw new IllegalArgumentException("cache TTL must be positive: " + ttl);
        }
        String encoded = values.encode(redisKey, value);
        if (encoded == null) {
            return false;
        }
        SetParams params = ttl == null ? null : new SetParams().px(Math.max(1, ttl.toMillis()));
        Boolean ok = quietly("set", r -> params == null
                ? "OK".equals(r.set(redisKey, encoded))
                : "OK".equals(r.set(redisKey, encoded, params)));
        return Boolean.TRUE.equals(ok);
    }

    /** Removes a key; true when it existed. */
    public boolean delete(String key) {
        String redisKey = redisKey(key);
        Long removed = quietly("delete", r -> r.del(redisKey));
        return removed != null && removed > 0;
    }

    /** True when the key exists; false when it does not or Redis fails. */
    public boolean exists(String key) {
        String redisKey = redisKey(key);
        return Boolean.TRUE.equals(quietly("exists", r -> r.exists(redisKey)));
    }

    /** Remaining time to live in seconds; -1 when the key has no expiry, -2 when it is absent or Redis fails. */
    public long getTtl(String key) {
        String redisKey = redisKey(key);
        Long ttl = quietly("ttl", r -> r.ttl(redisKey));
        return ttl == null ? -2 : ttl;
    }

    /**
     * Removes every key of this namespace matching a glob pattern (relative to the namespace: {@code user:*} removes
     * {@code <namespace>user:*}). Uses SCAN and UNLINK in batches, so Redis is never blocked.
     *
     * @return the number of keys removed (on a Redis failure, those removed before it)
     */
    public long clearPattern(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return unlinkMatching(namespacePattern + pattern);
    }

    /** Removes every key of this namespace; returns how many. */
    public long clearAll() {
        return unlinkMatching(namespacePattern + "*");
    }

    /**
     * The namespace's key count and the server's facts, read from Redis now, with this instance's counters (what the
     * Python services' {@code get_stats()} reports). Fail-open: when Redis fails, not connected, with the error.
     */
    public NamespaceReport report() {
        try {
            Map<String, String> info = RedisInfo.parse(redis.info());
            long keys = KeySpace.count(redis, namespacePattern + "*");
            return new NamespaceReport(namespace, true, keys, info.getOrDefault("redis_version", "unknown"),
                    info.getOrDefault("used_memory_human", "unknown"), parseLong(info.get("connected_clients")),
                    Optional.empty(), statistics.hits(), statistics.misses(), statistics.errors(),
                    statistics.hitRatio());
        } catch (RuntimeException e) {
            calls.failed("stats", e);
            return new NamespaceReport(namespace, false, 0, "unknown", "unknown", 0,
                    Optional.of(FailureLog.describe(e)), statistics.hits(), statistics.misses(), statistics.errors(),
                    statistics.hitRatio());
        }
    }

    /** True when Redis answers PING. */
    public boolean healthCheck() {
        return "PONG".equals(quietly("ping", UnifiedJedis::ping));
    }

    private long unlinkMatching(String match) {
        long[] removed = {0};
        try {
            KeySpace.unlink(redis, match, n -> removed[0] += n);
        } catch (RuntimeException e) {
            calls.failed("clear", e);
        }
        return removed[0];
    }

    /** Runs one Redis command; a failure is counted, logged (rate-limited) and becomes null. */
    private <R> R quietly(String operation, Function<UnifiedJedis, R> command) {
        return calls.quietly(operation, () -> command.apply(redis));
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
