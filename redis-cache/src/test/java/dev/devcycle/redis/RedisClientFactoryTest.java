package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

class RedisClientFactoryTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension("--requirepass", "s3cret",
            "--enable-debug-command", "local");

    private RedisSettings settings(boolean retry, double socketTimeoutSeconds) {
        return new RedisSettings("127.0.0.1", redis.port(), Optional.of("s3cret"), 2, 3,
                Duration.ofMillis((long) (socketTimeoutSeconds * 1000)), Duration.ofSeconds(2), retry);
    }

    private Jedis admin() {
        return redis.jedis();
    }

    @Test
    void clientUsesPasswordDatabaseAndPoolSize() {
        try (UnifiedJedis client = RedisClientFactory.create(settings(true, 2)); Jedis admin = admin()) {
            client.set("k", "v");
            admin.select(2);
            assertEquals("v", admin.get("k"), "written to REDIS_DB 2");
            assertEquals(3, ((RedisClient) client).getPool().getMaxTotal(), "pool size = REDIS_MAX_CONNECTIONS");
        }
    }

    @Test
    void retryAttemptsFollowTheSetting() {
        assertEquals(2, RedisClientFactory.maxAttempts(settings(true, 1)));
        assertEquals(1, RedisClientFactory.maxAttempts(settings(false, 1)));
    }

    /**
     * A server that accepts each connection and closes it at once: every attempt fails with a connection error.
     * Counting the connections it accepted counts the attempts. With retry on: the command and one retry; off: one.
     */
    @Test
    void aFailedCommandIsRetriedOnceWhenEnabledAndNeverWhenDisabled() throws Exception {
        assertEquals(2, attemptsAgainstDroppingServer(true), "one retry");
        assertEquals(1, attemptsAgainstDroppingServer(false), "no retry");
    }

    private int attemptsAgainstDroppingServer(boolean retry) throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket dropper = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!dropper.isClosed()) {
                    try (Socket s = dropper.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RedisSettings settings = new RedisSettings("127.0.0.1", dropper.getLocalPort(), Optional.empty(), 0, 3,
                    Duration.ofMillis(500), Duration.ofMillis(500), retry);
            try (UnifiedJedis client = RedisClientFactory.create(settings)) {
                // Building the client may probe the server once (protocol detection): not an attempt of the command.
                int beforeCommand = accepted.get();
                assertThrows(JedisException.class, () -> client.get("k"));
                return accepted.get() - beforeCommand;
            }
        }
    }

    /** A timeout (Redis stalled by DEBUG SLEEP) fails the command within its bounded retry, not after 5 tries. */
    @Test
    void aStalledServerFailsTheCommandWithinTwoTimeouts() throws Exception {
        try (UnifiedJedis client = RedisClientFactory.create(settings(true, 0.3)); Jedis admin = admin()) {
            client.ping();
            CompletableFuture<Void> stall = CompletableFuture.runAsync(() -> {
                try (Jedis sleeper = admin()) {
                    sleeper.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.US_ASCII), "SLEEP", "3");
                } catch (RuntimeException ignored) {
                    // the sleeper's own connection may time out; only the stall matters
                }
            });
            Thread.sleep(150);
            long start = System.nanoTime();
            assertThrows(JedisException.class, () -> client.get("stalled"));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs < 2_000, "failed after " + elapsedMs + " ms; expected about two 300 ms timeouts");
            stall.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void pooledConnectionsRecoverAfterRedisRestart() {
        try (UnifiedJedis client = RedisClientFactory.create(settings(true, 2))) {
            client.set("a", "1");
            redis.server().restart();
            assertTrue(redis.server().isRunning());
            // The pooled connection is broken by the restart; the one retry uses a fresh connection.
            assertFalse(client.exists("a"), "restarted server is empty");
        }
    }
}
