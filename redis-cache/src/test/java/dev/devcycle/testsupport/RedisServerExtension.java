package dev.devcycle.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.devcycle.redis.RedisSettings;
import redis.clients.jedis.Jedis;

/**
 * A redis-server of the test class's own: started before the first test on a free port, flushed before each test
 * (and restarted if a test stopped it), stopped by PID after the last.
 *
 * <pre>{@code @RegisterExtension static RedisServerExtension redis = new RedisServerExtension();}</pre>
 */
public class RedisServerExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final String[] extraArgs;
    private RedisServerProcess server;

    public RedisServerExtension(String... extraArgs) {
        this.extraArgs = extraArgs;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServerProcess.start(extraArgs);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.thaw();
        if (!server.isRunning()) {
            server.restart();
        }
        try (Jedis jedis = jedis()) {
            jedis.flushAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public RedisServerProcess server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** A plain connection for reading and writing raw keys in assertions. */
    public Jedis jedis() {
        Jedis jedis = RedisServerProcess.jedis(server.port(), 5000);
        password().ifPresent(jedis::auth);
        return jedis;
    }

    /** The --requirepass the server was started with, if any. */
    public java.util.Optional<String> password() {
        for (int i = 0; i < extraArgs.length - 1; i++) {
            if ("--requirepass".equals(extraArgs[i])) {
                return java.util.Optional.of(extraArgs[i + 1]);
            }
        }
        return java.util.Optional.empty();
    }

    /** Settings pointing at this server, with short timeouts so failure tests run quickly. */
    public RedisSettings settings() {
        return new RedisSettings(server.host(), server.port(), password(), 0, 10,
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2), true);
    }
}
