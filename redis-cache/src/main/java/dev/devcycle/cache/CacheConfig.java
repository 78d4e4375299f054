package dev.devcycle.cache;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.devcycle.cache.near.NearCacheSettings;
import dev.devcycle.redis.InvalidSettingException;

/**
 * The {@code cache.*} configuration of annotated caches, read from MicroProfile Config (a map in tests).
 *
 * <p>Per cache: {@code cache.<name>.ttl}, {@code .jitter}, {@code .negative-ttl}, {@code .enabled},
 * {@code .lock-wait}. Global: {@code cache.key-prefix} ({@code devcycle:}), {@code cache.default-ttl} (10m),
 * {@code cache.jitter} (0), {@code cache.lock-wait} (3s), {@code cache.enabled} (true). Precedence for a method:
 * per-cache config, then the annotation, then the global value.
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

    static final String DEFAULT_PREFIX = "devcycle:";
    static final Duration FALLBACK_TTL = Duration.ofMinutes(10);
    /** Long enough for a database query under load, short enough that a hung loader does not stall its waiters. */
    static final Duration FALLBACK_LOCK_WAIT = Duration.ofSeconds(3);

    private final Function<String, Optional<String>> source;

    public CacheConfig(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** The prefix of every annotated cache's keys. */
    public String keyPrefix() {
        return source.apply(KEY_PREFIX).map(String::trim).filter(p -> !p.isEmpty()).orElse(DEFAULT_PREFIX);
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
        int jitter = percent(prefix + ".jitter").or(() -> percent(JITTER)).orElse(0);
        boolean enabled = bool(prefix + ".enabled").or(() -> bool(ENABLED)).orElse(true);
        Duration lockWait = duration(prefix + ".lock-wait").or(() -> duration(LOCK_WAIT)).orElse(FALLBACK_LOCK_WAIT);
        return new CacheSettings(ttl, jitter, negative, enabled, lockWait);
    }

    /**
     * The near-cache settings of a cache: {@code cache.<name>.near-cache} (default false),
     * {@code .near-cache-max-entries} (10000), {@code .near-cache-ttl} (30s).
     */
    public NearCacheSettings nearCache(String cacheName) {
        String prefix = "cache." + cacheName;
        boolean enabled = bool(prefix + ".near-cache").orElse(false);
        long maxEntries = whole(prefix + ".near-cache-max-entries").orElse(NearCacheSettings.DEFAULT_MAX_ENTRIES);
        Duration ttl = duration(prefix + ".near-cache-ttl").orElse(NearCacheSettings.DEFAULT_TTL);
        if (ttl.isZero() || ttl.isNegative()) {
            throw new InvalidSettingException(prefix + ".near-cache-ttl", ttl.toString(), "must be positive");
        }
        return new NearCacheSettings(enabled, maxEntries, ttl);
    }

    /**
     * {@code cache.<name>.compress-above}: encoded values of more bytes than this are stored Zstandard-compressed;
     * 0 (the default) never. Off by default because the seed's Python services share these keys and cannot read it.
     */
    public int compressAbove(String cacheName) {
        String property = "cache." + cacheName + ".compress-above";
        return source.apply(property).filter(v -> !v.isBlank()).map(v -> {
            try {
                int value = Integer.parseInt(v.trim());
                if (value < 0) {
                    throw new InvalidSettingException(property, v, "must be 0 (off) or a positive number of bytes");
                }
                return value;
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(property, v, "is not a whole number of bytes");
            }
        }).orElse(0);
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
        return source.apply(property).filter(v -> !v.isBlank()).map(v -> {
            try {
                return DurationText.parse(v);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(property, v, e.getMessage());
            }
        });
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

    private Optional<Long> whole(String property) {
        return source.apply(property).filter(v -> !v.isBlank()).map(v -> {
            long value;
            try {
                value = Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(property, v, "is not a whole number");
            }
            if (value < 1) {
                throw new InvalidSettingException(property, v, "must be at least 1");
            }
            return value;
        });
    }

    private Optional<Integer> percent(String property) {
        return source.apply(property).filter(v -> !v.isBlank()).map(v -> {
            int value;
            try {
                value = Integer.parseInt(v.trim().replace("%", ""));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(property, v, "is not a whole percentage");
            }
            if (value < 0 || value > 100) {
                throw new InvalidSettingException(property, v, "must be between 0 and 100");
            }
            return value;
        });
    }

    private Optional<Boolean> bool(String property) {
        return source.apply(property).filter(v -> !v.isBlank()).map(v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new InvalidSettingException(property, v, "must be true or false");
        });
    }
}
