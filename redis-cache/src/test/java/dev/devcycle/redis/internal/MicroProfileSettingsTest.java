package dev.devcycle.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import dev.devcycle.redis.InvalidSettingException;
import dev.devcycle.redis.RedisClientSettings;
import dev.devcycle.redis.SettingReader;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The settings read from MicroProfile Config (SmallRye, the implementation family of Liberty's). */
class MicroProfileSettingsTest {

    private static Config config(Map<String, String> values) {
        // The default interceptors resolve ${...} expressions, as in Liberty.
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void numbersGoThroughTheConvertersAndExpressionsResolve() {
        SettingReader r = MicroProfileSettings.of(config(Map.of("base.port", "6391", "redis.port", "${base.port}",
                "redis.db", " 3 ")));
        RedisClientSettings settings = RedisClientSettings.from(r);
        assertEquals(6391, settings.connection().port(), "a property expression, resolved by MicroProfile Config");
        assertEquals(3, settings.connection().database(), "spaces around a number do not depend on the source");
    }

    /** MicroProfile Config's Boolean converter turns a typo into false; the module's settings refuse it. */
    @Test
    void aMistypedBooleanIsRefusedNotReadAsFalse() {
        Config config = config(Map.of("redis.retry.on.timeout", "ture"));
        assertFalse(config.getValue("redis.retry.on.timeout", Boolean.class), "what the converter alone would do");
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> RedisClientSettings.from(MicroProfileSettings.of(config)));
        assertTrue(e.getMessage().contains("REDIS_RETRY_ON_TIMEOUT") && e.getMessage().contains("'ture'"),
                e.getMessage());
    }

    @Test
    void aNumberTheConverterRefusesNamesTheVariable() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> RedisClientSettings.from(MicroProfileSettings.of(config(Map.of("redis.port", "63x9")))));
        assertEquals("Invalid configuration REDIS_PORT (redis.port) = '63x9': is not a whole number", e.getMessage());
    }
}
