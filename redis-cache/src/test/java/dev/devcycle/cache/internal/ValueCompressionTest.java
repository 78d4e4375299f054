package dev.devcycle.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** Compression of large values: opt-in per cache, marked, read back; off by default (Python-readable). */
class ValueCompressionTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    public record Report(String agentId, List<String> lines) {
    }

    @Test
    void largeValuesOfAnOptedInCacheAreStoredCompressedAndMarkedAndReadBack() throws Exception {
        CacheTestContainer.configure(redis, Map.of("cache.zip:reports.compress-above", "200"));
        try (CacheTestContainer c = CacheTestContainer.start()) {
            ReadThroughCache zip = c.caches().readThrough("zip:reports");
            ReadThroughCache plain = c.caches().readThrough("plain:reports");
            CacheSettings zipSettings = c.caches().settings("zip:reports", "1m", "");
            CacheSettings plainSettings = c.caches().settings("plain:reports", "1m", "");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                lines.add("agent a-1 finished task " + i + " with status ok");
            }
            Report big = new Report("a-1", lines);
            Report small = new Report("a-2", List.of("one line"));

            zip.get("big", Report.class, zipSettings, () -> big);
            zip.get("small", Report.class, zipSettings, () -> small);
            plain.get("big", Report.class, plainSettings, () -> big);

            try (Jedis jedis = redis.jedis()) {
                String stored = jedis.get("devcycle:zip:reports:big");
                assertTrue(stored.startsWith(ValueCompression.MARKER), "marked");
                String json = jedis.get("devcycle:plain:reports:big");
                assertTrue(stored.length() * 4 < json.length(), stored.length() + " vs " + json.length());
                assertTrue(json.startsWith("{\"agent_id\":\"a-1\""), "off by default: plain JSON, as Python reads it");
                assertTrue(jedis.get("devcycle:zip:reports:small").startsWith("{"), "small values stay plain");
            }
            assertEquals(big, zip.get("big", Report.class, zipSettings, () -> null), "read back");
            assertEquals(small, zip.get("small", Report.class, zipSettings, () -> null));
            assertEquals(0, zip.statistics().errors());
        }
    }

    @Test
    void aCorruptCompressedValueIsAMissNotAnError() throws Exception {
        CacheTestContainer.configure(redis, Map.of("cache.zip:reports.compress-above", "10"));
        try (CacheTestContainer c = CacheTestContainer.start(); Jedis jedis = redis.jedis()) {
            jedis.set("devcycle:zip:reports:bad", ValueCompression.MARKER + "not-base64-zstd!");
            ReadThroughCache zip = c.caches().readThrough("zip:reports");
            String value = zip.get("bad", String.class, c.caches().settings("zip:reports", "1m", ""),
                    () -> "reloaded");
            assertEquals("reloaded", value);
            assertFalse(jedis.get("devcycle:zip:reports:bad").startsWith("not"));
        }
    }

    @Test
    void theCodecRoundTripsAndLeavesUnmarkedTextAlone() {
        ValueCompression compression = new ValueCompression(16);
        String text = "x".repeat(1000);
        String packed = compression.compress(text);
        assertTrue(packed.startsWith(ValueCompression.MARKER));
        assertEquals(text, ValueCompression.decompress(packed));
        assertEquals("{\"a\":1}", ValueCompression.decompress("{\"a\":1}"));
        assertEquals("short", compression.compress("short"));
        assertEquals(text, ValueCompression.off().compress(text));
    }

    /**
     * zstd-jni is optional: an application that asks for compression without it is told at start-up, by the setting
     * and the missing jar; one without it that never compresses needs nothing (the class is never touched).
     */
    @Test
    void compressionWithoutZstdIsAClearStartupError() {
        assertTrue(ValueCompression.unavailableReason().isEmpty(), "zstd-jni is on the module's test classpath");
        String reason = ValueCompression.unavailableReason("com.github.luben.zstd.Absent").orElseThrow();
        assertTrue(reason.contains("zstd-jni") && reason.contains("com.github.luben:zstd-jni"), reason);
        assertEquals("plain", ValueCompression.off().compress("plain"));
        assertEquals("plain", ValueCompression.decompress("plain"));
    }
}
