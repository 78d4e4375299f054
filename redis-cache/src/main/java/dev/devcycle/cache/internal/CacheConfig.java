package dev.devcycle.cache.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.devcycle.cache.internal.near.NearCacheSettings;
import dev.devcycle.redis.InvalidSettingException;
import dev.devcycle.redis.SettingReader;
import dev.devcycle.redis.internal.DurationText;

/**
 * The {@code cache.*} configuration: of the declarative caches, read through {@link SettingReader} (MicroProfile
 * Config in an application, a map in tests), and the value size limit every cache shares.
 *
 * <p>Per cache: {@code cache.<name>.ttl}, {@code .jitter}, {@code .negative-ttl}, {@code .enabled},
 * {@code .lock-wait}, the near cache's, {@code .compress-above}, {@code .warm-on-start}. Global:
 * {@code cache.key-prefix} ({@code devcycle:}), {@code cache.default-ttl} (10m), {@code cache.jitter} (10),
 * {@code cache.lock-wait} (3s), {@code cache.enabled} (true), {@code cache.max.value.bytes} (1 MiB). Precedence for a
 * method: per-cache config, then the annotation, then the global value.
 */
public final class CacheConfig {

    public static final String KEY_PREFIX = "cache.key-prefix";
    public static final String DEFAULT_TTL = "cache.default-ttl";
    public static final String JITTER = "cache.jitter";
    public static final String LOCK_WAIT = "cache.lock-wait";
    public static final String ENABLED = "cache.enabled";
    /** The suffixes of per-cache properties, {@code cache.<name><suffix>}. */
    public static final Set<String> PER_CACHE_SUFFIXES = Set.of(".ttl", ".jitter", ".negative-ttl", ".enabled",
            ".lock-wait", ".near-cache", ".near-cache-max-entries", ".near-cache-ttl", ".warm-on-start",
            ".compress-above");
    /** How often each near cache's invalidation connection is pinged; a silent link is noticed within 3 of these. */
    public static final String NEAR_CACHE_HEARTBEAT = "cache.near-cache-heartbeat";
    /** How long to wait between attempts to re-establish a lost invalidation connection. */
    public static final String NEAR_CACHE_RETRY = "cache.near-cache-retry";
    static final Duration FALLBACK_NEAR_HEARTBEAT = Duration.ofSeconds(1);
    static final Duration FALLBACK_NEAR_RETRY = Duration.ofSeconds(1);

    /** Largest encoded value stored, in bytes ({@code CACHE_MAX_VALUE_BYTES}); Redis itself allows 512 MB. */
    public static final String MAX_VALUE_BYTES = "cache.max.value.bytes";
    static final long DEFAULT_MAX_VALUE_BYTES = 1_048_576;
    static final long REDIS_MAX_VALUE_BYTES = 512L * 1024 * 1024;

    /** The namespace of {@code @Inject RedisCache} without qualifier ({@code CACHE_DEFAULT_NAMESPACE}). */
    public static final String DEFAULT_NAMESPACE = "cache.default-namespace";

    static final String DEFAULT_PREFIX = "devcycle:";
    static final Duration FALLBACK_TTL = Duration.ofMinutes(10);
    /**
     * Percent of a TTL that each store may be shortened by, when neither {@code cache.<name>.jitter} nor
     * {@code cache.jitter} says otherwise: entries loaded together (a warm-up, a cold start, a flush under traffic)
     * then expire spread over a tenth of their TTL instead of in the same instant, which turned the agent caches'
     * expiry burst into a trickle (docs/benchmarks.md, "Expiry burst"). Shortening only: never older than the TTL,
     * which is also how the Python services judge an entry's age.
     */
    public static final int DEFAULT_JITTER_PERCENT = 10;
    /** Long enough for a database query under load, short enough that a hung loader does not stall its waiters. */
    static final Duration FALLBACK_LOCK_WAIT = Duration.ofSeconds(3);

    private final SettingReader settings;

    public CacheConfig(SettingReader settings) {
        this.settings = settings;
    }

    /** A configuration of raw values by property name (tests). */
    public CacheConfig(Function<String, Optional<String>> source) {
        this(SettingReader.of(source));
    }

    /** The prefix of every annotated cache's keys. */
    public String keyPrefix() {
        return settings.text(KEY_PREFIX).orElse(DEFAULT_PREFIX);
    }

    /** The namespace of the unqualified {@code RedisCache}, by default {@code fallback}. */
    public String defaultNamespace(String fallback) {
        return settings.text(DEFAULT_NAMESPACE).orElse(fallback);
    }

    /** The largest encoded value, in bytes, a cache stores ({@code cache.max.value.bytes}). */
    public long maxValueBytes() {
        return settings.wholeNumber(MAX_VALUE_BYTES, DEFAULT_MAX_VALUE_BYTES, 1, REDIS_MAX_VALUE_BYTES);
    }

    /**
     * The settings of a method on a cache.
     *
     * @param annotationTtl         the annotation's TTL text, empty for none
     * @param annotationNegativeTtl the annotation's negative TTL text, empty for none
     * @throws InvalidSettingException naming the property (or annotation) and the bad value
     */
    public CacheSettings settings(String cacheName, String annotationTtl, String annotationNegativeTtl) {
        String prefix = "cache." + cacheName;
        Duration ttl = duration(prefix + ".ttl")
                .or(() -> annotationDuration(cacheName, "ttl", annotationTtl))
                .or(() -> duration(DEFAULT_TTL))
                .orElse(FALLBACK_TTL);
        Optional<Duration> negative = duration(prefix + ".negative-ttl")
                .or(() -> annotationDuration(cacheName, "negativeTtl", annotationNegativeTtl));
        int jitter = jitter(cacheName);
        boolean enabled = settings.flag(prefix + ".enabled").or(() -> settings.flag(ENABLED)).orElse(true);
        Duration lockWait = duration(prefix + ".lock-wait").or(() -> duration(LOCK_WAIT)).orElse(FALLBACK_LOCK_WAIT);
        return new CacheSettings(ttl, jitter, negative, enabled, lockWait);
    }

    /** {@code cache.<name>.jitter}, else {@code cache.jitter}, else {@value #DEFAULT_JITTER_PERCENT}. */
    private int jitter(String cacheName) {
        return settings.percent("cache." + cacheName + ".jitter").or(() -> settings.percent(JITTER))
                .orElse(DEFAULT_JITTER_PERCENT);
    }

    /**
     * The near-cache settings of a cache: {@code cache.<name>.near-cache} (default false),
     * {@code .near-cache-max-entries} (10000), {@code .near-cache-ttl} (30s), and the cache's jitter, which shortens
     * each near-cache entry's TTL as it does each Redis TTL.
     */
    public NearCacheSettings nearCache(String cacheName) {
        String prefix = "cache." + cacheName;
        boolean enabled = settings.flag(prefix + ".near-cache", false);
        long maxEntries = settings.wholeNumber(prefix + ".near-cache-max-entries", NearCacheSettings.DEFAULT_MAX_ENTRIES,
                1, Long.MAX_VALUE);
        Duration ttl = duration(prefix + ".near-cache-ttl").orElse(NearCacheSettings.DEFAULT_TTL);
        return new NearCacheSettings(enabled, maxEntries, ttl, jitter(cacheName));
    }

    /**
     * {@code cache.<name>.compress-above}: encoded values of more bytes than this are stored Zstandard-compressed;
     * 0 (the default) never. Off by default because the original Python services share these keys and cannot read it.
     *
     * @throws InvalidSettingException also when compression is asked for and zstd-jni is not on the classpath
     */
    public int compressAbove(String cacheName) {
        String property = "cache." + cacheName + ".compress-above";
        int threshold = settings.wholeNumber(property, 0, 0, Integer.MAX_VALUE);
        if (threshold > 0) {
            ValueCompression.unavailableReason().ifPresent(reason -> {
                throw settings.invalid(property, reason);
            });
        }
        return threshold;
    }

    /** {@code cache.<name>.warm-on-start}: whether the application fills the cache at start-up (default false). */
    public boolean warmOnStart(String cacheName) {
        return settings.flag("cache." + cacheName + ".warm-on-start", false);
    }

    /** The ping interval of the near caches' invalidation connections. */
    public Duration nearCacheHeartbeat() {
        return duration(NEAR_CACHE_HEARTBEAT).orElse(FALLBACK_NEAR_HEARTBEAT);
    }

    /** The delay between attempts to re-establish tracking. */
    public Duration nearCacheRetry() {
        return duration(NEAR_CACHE_RETRY).orElse(FALLBACK_NEAR_RETRY);
    }

    /** The cache name of a per-cache property name, if it is one. */
    public static Optional<String> cacheNameOf(String property) {
        if (!property.startsWith("cache.")) {
            return Optional.empty();
        }
        for (String suffix : PER_CACHE_SUFFIXES) {
            if (property.endsWith(suffix) && property.length() > "cache.".length() + suffix.length()) {
                return Optional.of(property.substring("cache.".length(), property.length() - suffix.length()));
            }
        }
        return Optional.empty();
    }

    private Optional<Duration> duration(String property) {
        return settings.duration(property);
    }

    private static Optional<Duration> annotationDuration(String cacheName, String member, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DurationText.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("annotation member " + member + " of cache " + cacheName + ": "
                    + e.getMessage(), e);
        }
    }
}
