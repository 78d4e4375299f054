package it.dev.devcycle;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.devcycle.testsupport.RedisServerProcess;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import redis.clients.jedis.Jedis;

/**
 * Where the build's Liberty server and Redis are (system properties set by failsafe), and control of that Redis
 * through the same script the build starts it with, which stops it by its PID only.
 */
public final class ItEnvironment {

    private ItEnvironment() {
    }

    public static String baseUrl() {
        return "http://localhost:" + property("it.http.port");
    }

    public static int redisPort() {
        return Integer.parseInt(property("it.redis.port"));
    }

    /** A new JAX-RS client; ITs get theirs from {@link ItClient}. */
    static Client client() {
        return ClientBuilder.newBuilder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .build();
    }

    static WebTarget target(Client client, String path) {
        return client.target(baseUrl()).path(path);
    }

    /** A raw connection to the ITs' Redis, for reading keys in assertions. */
    public static Jedis redis() {
        return RedisServerProcess.jedis(redisPort(), 5000);
    }

    public static void stopRedis() {
        redisScript("stop");
    }

    /** Kills the ITs' Redis with SIGKILL, as a crash would (no clean shutdown, connections reset). */
    public static void killRedis() {
        redisScript("kill");
    }

    /** Freezes the ITs' Redis (SIGSTOP): its connections stay open and nothing is answered, like a stalled host. */
    public static void freezeRedis() {
        redisScript("freeze");
    }

    /** Resumes a frozen Redis (SIGCONT). */
    public static void thawRedis() {
        redisScript("thaw");
    }

    /**
     * Starts the ITs' Redis if it is stopped and returns as soon as it answers PING, without waiting for the service
     * to notice: for scenarios that measure how long the service takes to use it again.
     */
    public static void startRedisProcess() {
        redisScript("start");
    }

    /**
     * Starts the ITs' Redis if it is stopped, then waits until the service is ready again (its circuit breaker
     * closes within about a second of Redis coming back), so the next request is served from Redis.
     */
    public static void startRedis() {
        redisScript("start");
        boolean ready = eventually(Duration.ofSeconds(20), () -> {
            try (Client c = client(); jakarta.ws.rs.core.Response r = target(c, "health/ready").request().get()) {
                return r.getStatus() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
        if (!ready) {
            throw new IllegalStateException("service not ready within 20 s of Redis starting");
        }
    }

    /** Polls a condition until it holds or the timeout passes; returns whether it held. */
    public static boolean eventually(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    private static void redisScript(String action) {
        try {
            Process p = new ProcessBuilder("bash", property("it.redis.script"), action,
                    property("it.redis.port"), property("it.redis.dir")).inheritIO().start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("it-redis.sh " + action + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A system property failsafe sets for the ITs; fails with what to run when it is missing. */
    public static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the ITs with `mvn verify`");
        }
        return value;
    }
}
