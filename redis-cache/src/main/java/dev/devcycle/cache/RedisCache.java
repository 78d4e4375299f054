package dev.devcycle.cache;

import dev.devcycle.redis.FailureLog;
import dev.devcycle.redis.GlobPattern;
import dev.devcycle.redis.RedisInfo;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

import dev.devcycle.redis.KeySpace;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * A Redis-backed cache over one key namespace: every key given to it is stored as {@code <namespace><key>}.
 *
 * <p>Inject it: {@code @Inject RedisCache cache} for the default namespace {@value #DEFAULT_NAMESPACE}, or
 * {@code @Inject @CacheNamespace("my_app:") RedisCache cache} for another one.
 *
 * <p><b>Values.</b> A {@code String} is stored as its raw text, any other value as JSON with snake_case property names
 * (see {@link ValueCodec}), so services of the seed's Python implementation read and write the same entries.
 *
 * <p><b>Failure.</b> Redis is an accelerator, never the truth: every operation is fail-open. When Redis cannot be
 * reached or answers with an error, {@code get} is absent, {@code set}/{@code delete}/{@code exists} are
 * {@code false}, {@code getTtl} is {@code -2}, {@code clearPattern} returns what it deleted before the failure,
 * {@code getStats} says {@code redis_connected: false} with the {@code error}. No operation throws for a Redis
 * failure; each one returns within the configured socket timeouts. Failures are counted and logged without flooding.
 *
 * <p><b>Patterns.</b> {@link #clearPattern} and the key count of {@link #getStats} use SCAN and UNLINK in batches,
 * never KEYS, and never reach outside the namespace: the namespace is matched literally and the pattern only
 * after it. Use {@link GlobPattern#escape} for caller-supplied parts of a pattern.
 *
 * <p>Thread-safe; one instance per namespace is shared by the application.
 */
public class RedisCache {

    /** The namespace of {@code @Inject RedisCache} without qualifier. */
    public static final String DEFAULT_NAMESPACE = "devcycle:cache:";

    private static final Logger LOG = Logger.getLogger(RedisCache.class.getName());

    private final UnifiedJedis redis;
    private final String namespace;
    private final String namespacePattern;
    private final ValueCodec codec;
    private final long maxValueBytes;
    private final CacheStatistics statistics = new CacheStatistics();
    private final FailureLog failures;

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
        this.codec = Objects.requireNonNull(codec);
        this.maxValueBytes = maxValueBytes;
        this.failures = failures;
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
        return maxValueBytes;
    }

    /** This instance's hit, miss and error counters for the namespace. */
    public CacheStatistics statistics() {
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
            failed("get", e);
            statistics.miss();
            return Optional.empty();
        }
        if (stored == null) {
            statistics.miss();
            return Optional.empty();
        }
        try {
            T value = codec.decode(stored, type);
            statistics.hit();
            return Optional.ofNullable(value);
        } catch (UndecodableValueException e) {
            // A value this type cannot read is as good as absent; evict it so the next load replaces it.
            failures.failure("decode", redisKey, e);
            statistics.miss();
            quietly("unlink", r -> r.unlink(redisKey));
            return Optional.empty();
        }
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
        String encoded;
        try {
            encoded = codec.encode(value);
        } catch (UndecodableValueException e) {
            failures.failure("encode", redisKey, e);
            return false;
        }
        if (encoded.length() * 3L > maxValueBytes && utf8Length(encoded) > maxValueBytes) {
            failures.failure("set", redisKey, new IllegalArgumentException(
                    "value of " + utf8Length(encoded) + " bytes exceeds the limit of " + maxValueBytes));
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
     * Statistics in the seed's form, plus this instance's counters: {@code total_keys} (in this namespace),
     * {@code redis_connected}, {@code redis_version}, {@code used_memory}, {@code connected_clients}, {@code hits},
     * {@code misses}, {@code errors}, {@code hit_ratio}, {@code namespace}; {@code error} when Redis fails.
     */
    public Map<String, Object> getStats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("namespace", namespace);
        try {
            Map<String, String> info = RedisInfo.parse(redis.info());
            stats.put("total_keys", KeySpace.count(redis, namespacePattern + "*"));
            stats.put("redis_connected", true);
            stats.put("redis_version", info.getOrDefault("redis_version", "unknown"));
            stats.put("used_memory", info.getOrDefault("used_memory_human", "unknown"));
            stats.put("connected_clients", parseLong(info.get("connected_clients")));
        } catch (RuntimeException e) {
            failed("stats", e);
            stats.put("redis_connected", false);
            stats.put("error", FailureLog.describe(e));
        }
        stats.put("hits", statistics.hits());
        stats.put("misses", statistics.misses());
        stats.put("errors", statistics.errors());
        stats.put("hit_ratio", statistics.hitRatio());
        return stats;
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
            failed("clear", e);
        }
        return removed[0];
    }

    /** Runs one Redis command; a failure is counted, logged (rate-limited) and becomes null. */
    private <R> R quietly(String operation, Function<UnifiedJedis, R> command) {
        try {
            return command.apply(redis);
        } catch (RuntimeException e) {
            failed(operation, e);
            return null;
        }
    }

    private void failed(String operation, RuntimeException e) {
        statistics.error();
        failures.failure(operation, e);
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
