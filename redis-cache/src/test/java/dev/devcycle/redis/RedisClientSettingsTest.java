package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * The entry point for code without CDI or MicroProfile Config (a JCache provider in a Liberty shared library): every
 * setting from one map, the client built from it.
 */
class RedisClientSettingsTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    /** As {@link RedisClientSettings#fromProperties}, with an empty environment, so a developer's REDIS_* stay out. */
    private static RedisClientSettings properties(Map<String, ?> properties) {
        return RedisClientSettings.from(SettingReader.fromProperties(properties, name -> null));
    }

    @Test
    void everySettingFromOnePropertiesMap() {
        RedisClientSettings settings = properties(Map.of("redis.host", "cache.internal",
                "redis.port", 6390, "redis.password", "s3cret", "redis.mode", "standalone",
                "redis.circuit.failure.threshold", "3", "cache.timeout", "250ms",
                "redis.client.name", "jcache-provider"));
        assertEquals("cache.internal", settings.connection().host());
        assertEquals(6390, settings.connection().port(), "a non-String property value is read by its text");
        assertEquals(RedisTopology.Mode.STANDALONE, settings.topology().mode());
        assertEquals(3, settings.circuitBreaker().failureThreshold());
        assertEquals(Duration.ofMillis(250), settings.latencyBudget().total());
        assertEquals(Duration.ofMillis(125), settings.effectiveConnection().socketTimeout(), "two attempts share 250 ms");
        assertEquals("jcache-provider", settings.clientName());
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
    }

    @Test
    void theClientWorksAndNamesItselfInClientList() {
        RedisClientSettings settings = properties(Map.of("redis.host", "127.0.0.1",
                "redis.port", String.valueOf(redis.port()), "redis.client.name", "settings-test"));
        RedisCircuitBreaker breaker = settings.newCircuitBreaker();
        try (UnifiedJedis client = settings.createClient(breaker); Jedis admin = redis.jedis()) {
            client.set("k", "v");
            assertEquals("v", client.get("k"));
            assertTrue(admin.clientList().contains("name=settings-test"), admin.clientList());
            assertEquals(RedisCircuitBreaker.State.CLOSED, breaker.state());
        }
    }

    @Test
    void aClientNameRedisWouldRefuseStopsTheStart() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> properties(Map.of("redis.client.name", "my app")));
        assertTrue(e.getMessage().contains("REDIS_CLIENT_NAME"), e.getMessage());
    }
}
