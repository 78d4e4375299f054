package dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.devcycle.redis.InvalidSettingException;

class AuthSettingsTest {

    @Test
    void defaultsAreFifteenMinuteTokensFailClosedOpenReads() {
        AuthSettings s = AuthSettings.defaults();
        assertEquals(Duration.ofMinutes(15), s.tokenLifetime());
        assertEquals(Duration.ofSeconds(30), s.clockSkew());
        assertFalse(s.blacklistFailOpen());
        assertFalse(s.readsRequireAuth());
        assertEquals(Duration.ofMinutes(5), s.cleanupInterval());
    }

    @Test
    void readsEverySetting() {
        AuthSettings s = from(Map.of("auth.token.lifetime", "60", "auth.token.clock.skew", "0",
                "auth.blacklist.fail.open", "true", "auth.reads.require.authentication", "yes",
                "auth.session.cleanup.interval", "10"));
        assertEquals(Duration.ofSeconds(60), s.tokenLifetime());
        assertEquals(Duration.ZERO, s.clockSkew());
        assertTrue(s.blacklistFailOpen());
        assertTrue(s.readsRequireAuth());
        assertEquals(Duration.ofSeconds(10), s.cleanupInterval());
    }

    @Test
    void rejectsMalformedValuesNamingTheVariable() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> from(Map.of("auth.token.lifetime", "15m")));
        assertTrue(e.getMessage().contains("AUTH_TOKEN_LIFETIME"), e.getMessage());
        assertThrows(InvalidSettingException.class, () -> from(Map.of("auth.token.lifetime", "0")));
        assertThrows(InvalidSettingException.class, () -> from(Map.of("auth.token.lifetime", "86401")));
        assertThrows(InvalidSettingException.class, () -> from(Map.of("auth.blacklist.fail.open", "maybe")));
    }

    private static AuthSettings from(Map<String, String> values) {
        return AuthSettings.from(name -> Optional.ofNullable(values.get(name)));
    }
}
