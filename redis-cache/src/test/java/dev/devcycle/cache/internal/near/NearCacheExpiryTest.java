package dev.devcycle.cache.internal.near;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.devcycle.cache.internal.CacheConfig;

/**
 * The near cache's TTL jitter: a hot set filled in one burst must not leave the JVM in one instant (issue 17's
 * expiry burst, one tier up), and the setting is the cache's own {@code jitter}.
 */
class NearCacheExpiryTest {

    private static NearCache filled(NearCacheSettings settings, int entries) {
        NearCache near = new NearCache("devcycle:c:", settings);
        near.trackingStarted();
        for (int i = 0; i < entries; i++) {
            String key = "k" + i;
            near.put(key, near.stamp(key), "v" + i);
        }
        return near;
    }

    private static Set<Long> expiriesMillis(NearCache near, int entries) {
        Set<Long> millis = new TreeSet<>();
        for (int i = 0; i < entries; i++) {
            millis.add(near.expiresAfter("k" + i).orElseThrow().toMillis());
        }
        return millis;
    }

    @Test
    void entriesFilledTogetherExpireSpreadOverTheJitterBand() {
        NearCache near = filled(new NearCacheSettings(true, 10_000, Duration.ofSeconds(10), 50), 200);
        Set<Long> expiries = expiriesMillis(near, 200);
        for (long millis : expiries) {
            assertTrue(millis >= 4_900 && millis <= 10_000, "inside [5 s, 10 s] (50 % of 10 s): " + millis);
        }
        long spread = ((TreeSet<Long>) expiries).last() - ((TreeSet<Long>) expiries).first();
        assertTrue(spread > 2_500, "200 entries filled in one instant spread over most of the 5 s band: " + spread
                + " ms, " + expiries.size() + " distinct");
    }

    @Test
    void withoutJitterEveryEntryGetsTheFullTtl() {
        NearCache near = filled(new NearCacheSettings(true, 10_000, Duration.ofSeconds(10), 0), 50);
        for (long millis : expiriesMillis(near, 50)) {
            assertTrue(millis > 9_000 && millis <= 10_000, "the whole 10 s: " + millis);
        }
    }

    @Test
    void aRefillDrawsANewTtlAndAHitKeepsIt() {
        NearCache near = filled(new NearCacheSettings(true, 10_000, Duration.ofSeconds(100), 50), 1);
        Duration first = near.expiresAfter("k0").orElseThrow();
        near.get("k0");
        Duration afterHit = near.expiresAfter("k0").orElseThrow();
        assertTrue(first.minus(afterHit).abs().toMillis() < 1_000, "a hit does not restart the TTL: " + first
                + " then " + afterHit);
        Set<Long> refills = new TreeSet<>();
        for (int i = 0; i < 20; i++) {
            near.put("k0", near.stamp("k0"), "v" + i);
            refills.add(near.expiresAfter("k0").orElseThrow().toSeconds());
        }
        assertTrue(refills.size() > 1, "each fill draws its own TTL: " + refills);
    }

    @Test
    void theNearCacheTakesTheCachesJitter() {
        Map<String, String> values = Map.of("cache.a.near-cache", "true", "cache.b.near-cache", "true",
                "cache.b.jitter", "0", "cache.c.near-cache", "true", "cache.c.jitter", "25");
        CacheConfig config = new CacheConfig(name -> Optional.ofNullable(values.get(name)));
        assertEquals(CacheConfig.DEFAULT_JITTER_PERCENT, config.nearCache("a").jitterPercent(), "the default, 10 %");
        assertEquals(0, config.nearCache("b").jitterPercent());
        assertEquals(25, config.nearCache("c").jitterPercent());
        assertEquals(25, config.settings("c", "", "").jitterPercent(), "the same setting as the Redis TTLs'");
        assertThrows(IllegalArgumentException.class, () -> new NearCacheSettings(true, 1, Duration.ofSeconds(1), 101));
    }
}
