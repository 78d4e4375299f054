package dev.devcycle.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.devcycle.redis.InvalidSettingException;
import dev.devcycle.redis.internal.DurationText;

class CacheConfigTest {

    private static CacheConfig config(Map<String, String> values) {
        return new CacheConfig(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void durationsInShortAndIsoForm() {
        assertEquals(Duration.ofMillis(250), DurationText.parse("250ms"));
        assertEquals(Duration.ofSeconds(30), DurationText.parse("30s"));
        assertEquals(Duration.ofMinutes(5), DurationText.parse(" 5m "));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
        assertEquals(Duration.ofDays(1), DurationText.parse("1d"));
        assertEquals(Duration.ofSeconds(30), DurationText.parse("PT30S"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("0s"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse(""));
    }

    @Test
    void precedenceIsConfigThenAnnotationThenGlobal() {
        CacheSettings defaults = config(Map.of()).settings("c", "", "");
        assertEquals(Duration.ofMinutes(10), defaults.ttl());
        assertEquals(Duration.ofSeconds(3), defaults.lockWait());
        assertTrue(defaults.enabled());
        assertTrue(defaults.negativeTtl().isEmpty());
        assertEquals(CacheConfig.DEFAULT_JITTER_PERCENT, defaults.jitterPercent());
        assertEquals(10, defaults.jitterPercent());
        assertEquals(0, config(Map.of("cache.jitter", "0")).settings("c", "", "").jitterPercent());
        assertEquals(0, config(Map.of("cache.c.jitter", "0", "cache.jitter", "20")).settings("c", "", "").jitterPercent());

        assertEquals(Duration.ofSeconds(30), config(Map.of()).settings("c", "30s", "").ttl());
        assertEquals(Duration.ofMinutes(1), config(Map.of("cache.default-ttl", "1m")).settings("c", "", "").ttl());
        assertEquals(Duration.ofMinutes(2),
                config(Map.of("cache.c.ttl", "2m", "cache.default-ttl", "1m")).settings("c", "30s", "").ttl());

        CacheSettings configured = config(Map.of("cache.c.negative-ttl", "5s", "cache.c.jitter", "20",
                "cache.c.enabled", "false", "cache.lock-wait", "1s")).settings("c", "", "1s");
        assertEquals(Optional.of(Duration.ofSeconds(5)), configured.negativeTtl());
        assertEquals(20, configured.jitterPercent());
        assertFalse(configured.enabled());
        assertEquals(Duration.ofSeconds(1), configured.lockWait());
        assertEquals("devcycle:", config(Map.of()).keyPrefix());
        assertEquals("app:", config(Map.of("cache.key-prefix", "app:")).keyPrefix());
    }

    @Test
    void badValuesNameTheProperty() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> config(Map.of("cache.c.jitter", "150")).settings("c", "", ""));
        assertTrue(e.getMessage().contains("cache.c.jitter"), e.getMessage());
        assertThrows(InvalidSettingException.class,
                () -> config(Map.of("cache.c.enabled", "maybe")).settings("c", "", ""));
    }

    @Test
    void jitterStaysInsideTheBand() {
        CacheSettings s = new CacheSettings(Duration.ofSeconds(10), 30, Optional.empty(), true, Duration.ofSeconds(1));
        for (int i = 0; i < 1000; i++) {
            long ttl = s.ttlMillisWithJitter();
            assertTrue(ttl >= 7_000 && ttl <= 10_000, "ttl " + ttl);
        }
    }

    @Test
    void cacheNamesOfPropertyNames() {
        assertEquals(Optional.of("agent:availability"), CacheConfig.cacheNameOf("cache.agent:availability.ttl"));
        assertEquals(Optional.of("x"), CacheConfig.cacheNameOf("cache.x.lock-wait"));
        assertEquals(Optional.empty(), CacheConfig.cacheNameOf("cache.lock-wait"));
        assertEquals(Optional.empty(), CacheConfig.cacheNameOf("cache.default-ttl"));
        assertEquals(Optional.empty(), CacheConfig.cacheNameOf("cache.max.value.bytes"));
        assertEquals(Optional.empty(), CacheConfig.cacheNameOf("redis.host"));
    }
}
