package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.internal.interceptor.Agents;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;

/**
 * A malformed Redis setting stops the CDI container (the application) while it starts — before any request — with a
 * message naming the environment variable and the bad value. Liberty reports the same exception as the failed start
 * of the application.
 */
class StartupValidationTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    @AfterEach
    void restoreConfiguration() {
        CacheTestContainer.configure(redis, Map.of());
    }

    @ParameterizedTest
    @CsvSource({
        "redis.port, abc, REDIS_PORT",
        "redis.max.connections, -1, REDIS_MAX_CONNECTIONS",
        "redis.db, 99, REDIS_DB",
        "redis.socket.timeout, soon, REDIS_SOCKET_TIMEOUT",
        "redis.retry.on.timeout, maybe, REDIS_RETRY_ON_TIMEOUT",
        "redis.mode, galaxy, REDIS_MODE",
        "cache.timeout, fast, CACHE_TIMEOUT"
    })
    void malformedSettingStopsTheStart(String property, String value, String variable) {
        CacheTestContainer.configure(redis, Map.of(property, value));
        RuntimeException e = assertThrows(RuntimeException.class, () -> CacheTestContainer.start(Agents.class)
                .close());
        String causes = causes(e);
        assertTrue(causes.contains(variable) && causes.contains("'" + value + "'"), causes);
    }

    private static String causes(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t).append('\n');
        }
        return out.toString();
    }
}
