package dev.devcycle.rest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.devcycle.cache.DeclarativeCacheStatistics;
import dev.devcycle.cache.NamespaceReport;

/**
 * The JSON bodies of the cache statistics, with the snake_case names the REST API has always had (and the Python
 * services' {@code get_stats()} uses): built here, from the module's typed statistics, so the API's shape is the REST
 * layer's business (schemas {@code CacheStats} and {@code NamedCacheStats} of {@code META-INF/openapi.yaml}).
 */
public final class CacheStatisticsBodies {

    private CacheStatisticsBodies() {
    }

    /** A namespace: {@code namespace}, Redis facts (or {@code error}), then this instance's counters. */
    public static Map<String, Object> of(NamespaceReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespace", report.namespace());
        if (report.redisConnected()) {
            body.put("total_keys", report.totalKeys());
            body.put("redis_connected", true);
            body.put("redis_version", report.redisVersion());
            body.put("used_memory", report.usedMemory());
            body.put("connected_clients", report.connectedClients());
        } else {
            body.put("redis_connected", false);
            body.put("error", report.error().orElse("unknown"));
        }
        body.put("hits", report.hits());
        body.put("misses", report.misses());
        body.put("errors", report.errors());
        body.put("hit_ratio", report.hitRatio());
        return body;
    }

    /** A declarative cache: its counters, those of its near cache included. */
    public static Map<String, Object> of(DeclarativeCacheStatistics stats) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", stats.name());
        body.put("hits", stats.hits());
        body.put("misses", stats.misses());
        body.put("hit_ratio", stats.hitRatio());
        body.put("loads", stats.loads());
        body.put("load_time_total_ms", stats.loadTimeTotalMillis());
        body.put("load_time_max_ms", stats.loadTimeMaxMillis());
        body.put("errors", stats.errors());
        body.put("suppressed_loads", stats.suppressedLoads());
        body.put("invalidations", stats.invalidations());
        body.put("near_cache", stats.nearCacheState().name().toLowerCase(Locale.ROOT));
        body.put("near_hits", stats.nearHits());
        body.put("near_misses", stats.nearMisses());
        body.put("near_invalidations", stats.nearInvalidations());
        body.put("near_flushes", stats.nearFlushes());
        body.put("near_size", stats.nearSize());
        return body;
    }
}
