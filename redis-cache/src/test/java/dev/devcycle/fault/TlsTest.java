package dev.devcycle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.redis.RedisCircuitBreaker;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.redis.RedisSecurity;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.redis.RedisTopology;
import dev.devcycle.redis.internal.ReadinessProbe;
import dev.devcycle.testsupport.RedisServerProcess;
import dev.devcycle.testsupport.ReliabilityFigures;
import dev.devcycle.testsupport.ThrowawayCertificates;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * TLS with certificates made at test time: with {@code REDIS_SSL=true} and a truststore holding the server's CA the
 * cache works over TLS; with a truststore of another CA every operation fails open, the handshake failure is what
 * readiness and the log report, and the circuit breaker keeps it from becoming a connection storm.
 */
class TlsTest {

    private static final int OPERATIONS = 200;

    private static ThrowawayCertificates serverCa;
    private static ThrowawayCertificates otherCa;
    private static RedisServerProcess server;
    private static int tlsPort;

    @BeforeAll
    static void start() throws IOException {
        serverCa = ThrowawayCertificates.create("server");
        otherCa = ThrowawayCertificates.create("other");
        tlsPort = RedisServerProcess.freePort();
        // The plain port stays for the test's own assertions (and the start-up PING); the client uses the TLS port.
        // Verbose logging, so the server logs each refused handshake and the test can count connection attempts.
        java.util.List<String> args = new java.util.ArrayList<>(serverCa.redisServerArgs(tlsPort));
        args.addAll(java.util.List.of("--loglevel", "verbose"));
        server = RedisServerProcess.start(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RedisSettings settings() {
        return new RedisSettings("127.0.0.1", tlsPort, Optional.empty(), 0, 4, Duration.ofSeconds(1),
                Duration.ofSeconds(1), true);
    }

    private static RedisSecurity tls(Path truststore) {
        Map<String, String> env = new HashMap<>();
        env.put(RedisSecurity.SSL, "true");
        env.put(RedisSecurity.TRUSTSTORE, truststore.toString());
        env.put(RedisSecurity.TRUSTSTORE_PASSWORD, ThrowawayCertificates.STORE_PASSWORD);
        return RedisSecurity.from(name -> Optional.ofNullable(env.get(name)));
    }

    private static Jedis admin() {
        return RedisServerProcess.jedis(server.port(), 2000);
    }

    @Test
    void theCacheWorksOverTlsWithTheServersCa() {
        try (UnifiedJedis client = RedisClientFactory.create(settings(), RedisTopology.standalone(),
                tls(serverCa.truststore()), RedisCircuitBreaker.disabled()); Jedis admin = admin()) {
            RedisCache cache = new RedisCache(client, "tls:", new ValueCodec(), 1 << 20);
            assertTrue(cache.set("k", Map.of("over", "tls")));
            assertEquals(Optional.of("{\"over\":\"tls\"}"), cache.get("k", String.class));
            assertEquals("{\"over\":\"tls\"}", admin.get("tls:k"));
            assertEquals(HealthCheckResponse.Status.UP, ReadinessProbe.call(client, settings()).getStatus());
            // The TLS port speaks nothing else: a plain-text client there gets no answer.
            assertThrows(JedisConnectionException.class, () -> {
                try (Jedis plain = RedisServerProcess.jedis(tlsPort, 500)) {
                    plain.ping();
                }
            });
        }
    }

    @Test
    void aTruststoreOfAnotherCaIsReportedClearlyAndCausesNoConnectionStorm() {
        RedisCircuitBreaker breaker = new RedisCircuitBreaker(5, Duration.ofSeconds(5));
        try (Jedis admin = admin(); LogRecords log = new LogRecords(RedisCache.class.getName());
             UnifiedJedis client = RedisClientFactory.create(settings(), RedisTopology.standalone(),
                     tls(otherCa.truststore()), breaker)) {
            long before = refusedHandshakes();
            RedisCache cache = new RedisCache(client, "tls:", new ValueCodec(), 1 << 20);
            for (int i = 0; i < OPERATIONS / 2; i++) {
                assertEquals(Optional.empty(), cache.get("k", String.class), "a miss, never an exception");
                assertFalse(cache.set("k" + i, "v"), "skipped");
            }
            long connections = refusedHandshakes() - before;
            ReliabilityFigures.record("TLS, truststore of another CA", "connections for " + OPERATIONS
                    + " operations / warning lines", connections + " / " + log.size());
            assertTrue(connections <= 12, "threshold failures (each retried once) then skipped: " + connections);
            assertTrue(log.size() <= 4, "one line per operation kind and cause: " + log.texts());
            assertTrue(log.texts().get(0).contains("unable to find valid certification path"), log.texts().get(0));

            HealthCheckResponse ready = ReadinessProbe.call(client, settings(), breaker);
            Map<String, Object> data = ready.getData().orElseThrow();
            ReliabilityFigures.record("TLS, truststore of another CA", "readiness", ready.getStatus() + " " + data);
            assertEquals(HealthCheckResponse.Status.DOWN, ready.getStatus());
            String why = String.valueOf(data.get("last_failure"));
            assertTrue(why.contains("unable to find valid certification path"), data.toString());
        }
    }

    /** Handshakes the server refused so far, from its log (INFO does not count connections that never got in). */
    private static long refusedHandshakes() {
        sleepBriefly();
        try {
            return java.nio.file.Files.readAllLines(server.logFile()).stream()
                    .filter(line -> line.contains("Error accepting a client connection")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The server logs a refused handshake just after the client gave up. */
    private static void sleepBriefly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
