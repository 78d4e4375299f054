package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    private static RedisSettings from(Map<String, String> values) {
        return RedisSettings.from(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void defaultsAreTheSeedSystems() {
        RedisSettings s = RedisSettings.defaults();
        assertEquals("127.0.0.1", s.host());
        assertEquals(6379, s.port());
        assertTrue(s.password().isEmpty());
        assertEquals(0, s.database());
        assertEquals(10, s.maxConnections());
        assertEquals(Duration.ofSeconds(5), s.socketTimeout());
        assertEquals(Duration.ofSeconds(5), s.connectTimeout());
        assertTrue(s.retryOnTimeout());
    }

    @Test
    void everyValueIsRead() {
        RedisSettings s = from(Map.of(RedisSettings.HOST, "redis.internal", RedisSettings.PORT, "6380",
                RedisSettings.PASSWORD, "secret", RedisSettings.DB, "3", RedisSettings.MAX_CONNECTIONS, "50",
                RedisSettings.SOCKET_TIMEOUT, "0.25", RedisSettings.SOCKET_CONNECT_TIMEOUT, "1.5",
                RedisSettings.RETRY_ON_TIMEOUT, "false"));
        assertEquals("redis.internal", s.host());
        assertEquals(6380, s.port());
        assertEquals(Optional.of("secret"), s.password());
        assertEquals(3, s.database());
        assertEquals(50, s.maxConnections());
        assertEquals(Duration.ofMillis(250), s.socketTimeout());
        assertEquals(Duration.ofMillis(1500), s.connectTimeout());
        assertFalse(s.retryOnTimeout());
    }

    @Test
    void emptyPasswordMeansNone() {
        assertTrue(from(Map.of(RedisSettings.PASSWORD, "")).password().isEmpty());
    }

    @Test
    void passwordNeverAppearsInText() {
        assertFalse(from(Map.of(RedisSettings.PASSWORD, "hunter2")).toString().contains("hunter2"));
    }

    @Test
    void malformedValuesNameTheVariableAndValue() {
        assertMessage(RedisSettings.PORT, "abc", "REDIS_PORT", "'abc'");
        assertMessage(RedisSettings.PORT, "70000", "REDIS_PORT", "between 1 and 65535");
        assertMessage(RedisSettings.MAX_CONNECTIONS, "-1", "REDIS_MAX_CONNECTIONS", "'-1'");
        assertMessage(RedisSettings.MAX_CONNECTIONS, "0", "REDIS_MAX_CONNECTIONS", "between 1");
        assertMessage(RedisSettings.DB, "16", "REDIS_DB", "between 0 and 15");
        assertMessage(RedisSettings.DB, "x", "REDIS_DB", "whole number");
        assertMessage(RedisSettings.SOCKET_TIMEOUT, "fast", "REDIS_SOCKET_TIMEOUT", "'fast'");
        assertMessage(RedisSettings.SOCKET_CONNECT_TIMEOUT, "0", "REDIS_SOCKET_CONNECT_TIMEOUT", "more than 0");
        assertMessage(RedisSettings.SOCKET_TIMEOUT, "NaN", "REDIS_SOCKET_TIMEOUT", "more than 0");
        assertMessage(RedisSettings.RETRY_ON_TIMEOUT, "maybe", "REDIS_RETRY_ON_TIMEOUT", "true or false");
        assertMessage(RedisSettings.HOST, " ", "REDIS_HOST", "empty");
    }

    private static void assertMessage(String property, String value, String... fragments) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> from(Map.of(property, value)));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }
}
