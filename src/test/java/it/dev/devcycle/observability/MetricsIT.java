package it.dev.devcycle.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItEnvironment;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import redis.clients.jedis.Jedis;

/**
 * The Prometheus endpoint: pool and circuit-breaker gauges, namespace counters that move with real lookups, and the
 * metrics of every named cache.
 */
class MetricsIT {

    private static final String NAMESPACE_TAG = "namespace=\"devcycle:cache:\"";
    @RegisterExtension
    static final ItClient http = new ItClient();

    @Test
    void poolAndCircuitGaugesArePublished() {
        String metrics = scrape();
        // The ITs' server runs with the default pool size.
        assertEquals(OptionalDouble.of(10.0), value(metrics, "redis_pool_max", ""), "redis_pool_max:\n" + metrics);
        for (String gauge : new String[] {"redis_pool_active", "redis_pool_idle", "redis_pool_waiting",
                "redis_circuit_state", "redis_circuit_opened", "redis_circuit_rejected"}) {
            assertTrue(value(metrics, gauge, "").isPresent(), gauge + " missing:\n" + metrics);
        }
    }

    @Test
    void namespaceCountersFollowLookups() {
        try (Jedis redis = ItEnvironment.redis()) {
            redis.set("devcycle:cache:metrics-it", "\"v\"");
        }
        get("api/cache/entries/metrics-it");     // makes the namespace known; its metrics appear within 5 s
        assertTrue(ItEnvironment.eventually(Duration.ofSeconds(15),
                () -> value(scrape(), "redis_cache_hits", NAMESPACE_TAG).isPresent()),
                "redis_cache_hits of the default namespace never appeared");

        double hits = value(scrape(), "redis_cache_hits", NAMESPACE_TAG).orElseThrow();
        double misses = value(scrape(), "redis_cache_misses", NAMESPACE_TAG).orElseThrow();
        get("api/cache/entries/metrics-it");
        get("api/cache/entries/metrics-it-absent");
        String after = scrape();
        // Other ITs may look up concurrently, so at least, not exactly.
        assertTrue(value(after, "redis_cache_hits", NAMESPACE_TAG).orElseThrow() >= hits + 1, after);
        assertTrue(value(after, "redis_cache_misses", NAMESPACE_TAG).orElseThrow() >= misses + 1, after);
        assertTrue(value(after, "redis_cache_hit_ratio", NAMESPACE_TAG).isPresent(), after);
    }

    @Test
    void everyNamedCacheHasItsMetrics() {
        JsonArray caches;
        try (Response r = http.request("api/cache/caches").get()) {
            assertEquals(200, r.getStatus());
            caches = r.readEntity(JsonArray.class);
        }
        assertTrue(ItEnvironment.eventually(Duration.ofSeconds(15), () -> {
            String metrics = scrape();
            for (JsonValue cache : caches) {
                String tag = "cache=\"" + ((JsonObject) cache).getString("name") + "\"";
                for (String name : new String[] {"cache_hits", "cache_misses", "cache_loads", "cache_errors",
                        "cache_suppressed_loads", "cache_load_seconds_count"}) {
                    if (value(metrics, name, tag).isEmpty()) {
                        return false;
                    }
                }
            }
            return true;
        }), "a named cache lacks metrics; caches: " + caches + "\n" + scrape());
    }

    private void get(String path) {
        try (Response r = http.request(path).get()) {
            assertTrue(r.getStatus() == 200 || r.getStatus() == 404, path + " answered " + r.getStatus());
        }
    }

    private String scrape() {
        try (Response r = http.target("metrics").request("text/plain").get()) {
            assertEquals(200, r.getStatus(), "GET /metrics");
            return r.readEntity(String.class);
        }
    }

    /** The value of the first sample of a metric whose labels contain the given text. */
    static OptionalDouble value(String metrics, String name, String labelText) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\}\\s+(\\S+)", Pattern.MULTILINE)
                .matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(labelText)) {
                return OptionalDouble.of(Double.parseDouble(m.group(2)));
            }
        }
        return OptionalDouble.empty();
    }
}
