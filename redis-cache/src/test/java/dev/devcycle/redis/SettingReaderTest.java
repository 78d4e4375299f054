package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The one reader of the module's settings: typed, validated, never silently defaulted. */
class SettingReaderTest {

    private static SettingReader reader(Map<String, String> values) {
        return SettingReader.of(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void absentAndBlankAreTheDefault() {
        SettingReader none = reader(Map.of("blank", "  "));
        assertEquals(7, none.wholeNumber("absent", 7, 0, 10));
        assertEquals(7, none.wholeNumber("blank", 7, 0, 10));
        assertTrue(none.flag("blank", true));
        assertEquals(Optional.empty(), none.duration("blank"));
        assertEquals(Optional.empty(), none.text("blank"));
        assertEquals(Optional.of("  "), none.raw("blank"), "raw keeps what the source has (passwords)");
    }

    @Test
    void booleansAreStrict() {
        for (String yes : new String[] {"true", "TRUE", "1", "yes", "On"}) {
            assertTrue(reader(Map.of("f", yes)).flag("f", false), yes);
        }
        for (String no : new String[] {"false", "0", "no", "OFF"}) {
            assertFalse(reader(Map.of("f", no)).flag("f", true), no);
        }
        // MicroProfile Config's own Boolean converter would read these as false and switch a feature off.
        for (String typo : new String[] {"ture", "enabled", "y"}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> reader(Map.of("redis.ssl", typo)).flag("redis.ssl", true));
            assertEquals("Invalid configuration REDIS_SSL (redis.ssl) = '" + typo + "': must be true or false",
                    e.getMessage());
        }
    }

    @Test
    void wholeNumbersInRange() {
        assertEquals(42, reader(Map.of("n", " 42 ")).wholeNumber("n", 0, 1, 100));
        InvalidSettingException range = assertThrows(InvalidSettingException.class,
                () -> reader(Map.of("redis.db", "16")).wholeNumber("redis.db", 0, 0, 15));
        assertTrue(range.getMessage().contains("REDIS_DB") && range.getMessage().contains("'16'")
                && range.getMessage().contains("between 0 and 15"), range.getMessage());
        InvalidSettingException text = assertThrows(InvalidSettingException.class,
                () -> reader(Map.of("n", "ten")).wholeNumber("n", 0, 0, 15));
        assertTrue(text.getMessage().endsWith("'ten': is not a whole number"), text.getMessage());
    }

    @Test
    void durationsInShortDecimalIsoAndBareForms() {
        SettingReader r = reader(Map.of("a", "250ms", "b", "0.25s", "c", "PT30S", "d", "75", "e", "1.5m"));
        assertEquals(Optional.of(Duration.ofMillis(250)), r.duration("a"));
        assertEquals(Optional.of(Duration.ofMillis(250)), r.duration("b"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), r.duration("c"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), r.duration("e"));
        assertEquals(Optional.of(Duration.ofMillis(75)), r.duration("d", ChronoUnit.MILLIS));
        InvalidSettingException bare = assertThrows(InvalidSettingException.class, () -> r.duration("d"));
        assertTrue(bare.getMessage().contains("not a duration"), bare.getMessage());
        assertThrows(InvalidSettingException.class, () -> reader(Map.of("z", "0s")).duration("z"));
    }

    @Test
    void secondsPercentagesAndChoices() {
        assertEquals(Duration.ofMillis(1500), reader(Map.of("s", "1.5")).seconds("s", Duration.ZERO, 60));
        assertThrows(InvalidSettingException.class, () -> reader(Map.of("s", "NaN")).seconds("s", Duration.ZERO, 60));
        assertEquals(Optional.of(20), reader(Map.of("p", "20%")).percent("p"));
        assertThrows(InvalidSettingException.class, () -> reader(Map.of("p", "101")).percent("p"));
        assertEquals(RedisTopology.Mode.CLUSTER,
                reader(Map.of("m", "Cluster")).choice("m", RedisTopology.Mode.class, RedisTopology.Mode.STANDALONE));
        InvalidSettingException choice = assertThrows(InvalidSettingException.class,
                () -> reader(Map.of("m", "galaxy")).choice("m", RedisTopology.Mode.class, RedisTopology.Mode.STANDALONE));
        assertTrue(choice.getMessage().endsWith("must be standalone, sentinel or cluster"), choice.getMessage());
    }

    /** Without MicroProfile Config: properties first, then the environment as MicroProfile Config would map it. */
    @Test
    void propertiesWithTheEnvironmentAsFallback() {
        Map<String, String> environment = Map.of("REDIS_PORT", "6390", "REDIS_HOST", "from-env",
                "cache_agent_availability_ttl", "5s");
        SettingReader r = SettingReader.fromProperties(Map.of("redis.host", "from-properties"), environment::get);
        assertEquals(Optional.of("from-properties"), r.text("redis.host"), "a property wins over the environment");
        assertEquals(6390, r.wholeNumber("redis.port", 6379, 1, 65_535));
        assertEquals(Optional.of(Duration.ofSeconds(5)), r.duration("cache.agent:availability.ttl"));
        assertEquals(Optional.empty(), r.text("redis.password"));
    }

    @Test
    void environmentNamesFollowMicroProfileConfig() {
        assertEquals("REDIS_MAX_CONNECTIONS", SettingReader.environmentName("redis.max.connections"));
        assertEquals("CACHE_AGENT_AVAILABILITY_TTL", SettingReader.environmentName("cache.agent:availability.ttl"));
        assertEquals("CACHE_KEY_PREFIX", SettingReader.environmentName("cache.key-prefix"));
    }
}
