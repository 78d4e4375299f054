package dev.devcycle.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** The demo runs end to end against a redis-server of its own, measures what it claims, and cleans up. */
class RedisCachingDemoTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    @AfterEach
    void releaseConfig() {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(Thread.currentThread().getContextClassLoader()));
    }

    @Test
    void demoReportsMeasuredNumbersAndLeavesNoKeys() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        boolean ok = new RedisCachingDemo(new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run(Map.of("redis.host", "127.0.0.1", "redis.port", String.valueOf(redis.port())));
        String report = buffer.toString(StandardCharsets.UTF_8);

        assertTrue(ok, report);
        assertTrue(report.contains("pass 1: ") && report.contains("-> 4 database queries"), report);
        assertTrue(report.contains("-> 0 database queries"), "the second pass is served by Redis:\n" + report);
        Matcher uncached = Pattern.compile("without cache:\\s+([0-9.]+) ms").matcher(report);
        Matcher cached = Pattern.compile("with cache, later:\\s+([0-9.]+) ms").matcher(report);
        assertTrue(uncached.find() && cached.find(), report);
        assertTrue(Double.parseDouble(uncached.group(1)) >= 100, "the simulated query takes 100 ms:\n" + report);
        assertTrue(Double.parseDouble(cached.group(1)) < Double.parseDouble(uncached.group(1)), report);
        assertTrue(report.contains("hit ratio"), report);
        try (Jedis jedis = redis.jedis()) {
            // A named cache's generation counter (a key ending in \gen) outlives its entries by design.
            assertFalse(jedis.keys("*").stream().anyMatch(k -> k.startsWith("devcycle") && !k.endsWith("\\gen")),
                    "demo entries left behind: " + jedis.keys("*"));
        }
    }

    @Test
    void demoSaysSoWhenRedisIsDown() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        redis.server().stop();
        boolean ok = new RedisCachingDemo(new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run(Map.of("redis.host", "127.0.0.1", "redis.port", String.valueOf(redis.port()),
                        "redis.socket.connect.timeout", "0.5", "redis.socket.timeout", "0.5"));
        assertFalse(ok);
        assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("Redis is not reachable"), buffer.toString());
    }
}
