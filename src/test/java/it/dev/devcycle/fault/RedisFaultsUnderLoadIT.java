package it.dev.devcycle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.ReliabilityFigures;
import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItEnvironment;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import redis.clients.jedis.Jedis;

/**
 * Redis crashes and stalls while anonymous agent lookups hit the started Liberty: no request may fail or answer
 * wrongly (the database answers what Redis cannot), caching must resume once Redis is back, and the circuit breaker
 * must open during a stall and close after it. Figures go to target/reliability-figures.txt (docs/reliability.md).
 */
class RedisFaultsUnderLoadIT {

    /** Load threads: a few, on a 2-core machine that also runs Liberty, H2 and Redis. */
    private static final int THREADS = 4;
    /** p99 bound under a frozen Redis: one socket timeout (1 s on the ITs' server) plus its one retry, plus slack. */
    private static final double FROZEN_P99_MAX_MS = Double.parseDouble(
            System.getProperty("it.fault.frozen.p99.max.ms", "2500"));
    /** {@code -Dfault.soak.factor=N} (or {@code -Psoak}) stretches outages and loads N times for a soak run. */
    private static final int SOAK = Math.max(1, Integer.getInteger("fault.soak.factor", 1));
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static final String AVAILABLE = "fi-" + RUN + "-on";
    private static final String OFFLINE = "fi-" + RUN + "-off";
    private static final String CAPABILITY = "fi-cap-" + RUN;

    @RegisterExtension
    static final ItClient http = new ItClient();
    private static List<HttpLoad.Probe> probes;

    @BeforeAll
    static void registerAgents() {
        String admin = http.adminToken();
        register(admin, AVAILABLE, "online");
        register(admin, OFFLINE, "offline");
        probes = List.of(
                HttpLoad.expect("api/agents/" + AVAILABLE + "/availability"),
                HttpLoad.expect("api/agents/" + AVAILABLE + "/capabilities"),
                HttpLoad.expect("api/agents/" + AVAILABLE + "/load"),
                HttpLoad.expect("api/agents/" + AVAILABLE + "/capabilities/" + CAPABILITY),
                HttpLoad.expect("api/agents/" + OFFLINE + "/availability"),
                HttpLoad.expect("api/agents/fi-" + RUN + "-missing/availability"),
                HttpLoad.expect("api/agents/available?capability=" + CAPABILITY));
        assertTrue(probes.get(0).expectedBody().contains("\"available\":true"), probes.get(0).toString());
        assertEquals("[\"" + AVAILABLE + "\"]", probes.get(6).expectedBody());
    }

    /** Other ITs count the sample agents: leave the database as found. */
    @AfterAll
    static void tearDown() {
        String admin = http.adminToken();
        for (String name : List.of(AVAILABLE, OFFLINE)) {
            try (Response r = http.as(admin, "api/agents/" + name).delete()) {
                assertEquals(204, r.getStatus(), "deleting " + name);
            }
        }
    }

    @AfterEach
    void redisBackToNormal() {
        ItEnvironment.thawRedis();
        ItEnvironment.startRedis();
    }

    @Test
    void redisKilledUnderLoad_noRequestFails_andCachingResumesWithinFiveSeconds() throws Exception {
        String scenario = "redis SIGKILL under load";
        String availabilityKey = "devcycle:agent:availability:" + AVAILABLE;
        HttpLoad.Result result;
        long upAt;
        long cachedAt = 0;
        try (HttpLoad load = HttpLoad.start(probes, THREADS, Duration.ofSeconds(20L * SOAK), 200_000L * SOAK)) {
            Thread.sleep(2_000);
            ItEnvironment.killRedis();
            Thread.sleep(4_000L * SOAK);
            ItEnvironment.startRedisProcess();
            upAt = System.nanoTime();
            // The restarted Redis is empty: the first key written proves the service caches again.
            try (Jedis redis = ItEnvironment.redis()) {
                while (System.nanoTime() - upAt < Duration.ofSeconds(10).toNanos()) {
                    if (redis.exists(availabilityKey)) {
                        cachedAt = System.nanoTime();
                        break;
                    }
                    Thread.sleep(20);
                }
            }
            Thread.sleep(1_000);
            result = load.finish();
        }
        ReliabilityFigures.record(scenario, "load", result.summary());
        assertEquals(0, result.failures(), "failed requests: " + result.failureSamples());
        assertTrue(result.requests() > 100, "the load ran: " + result.summary());
        assertTrue(cachedAt > 0, "no value cached within 10 s of Redis answering PING again");
        long resumeMs = (cachedAt - upAt) / 1_000_000;
        ReliabilityFigures.record(scenario, "caching resumed after Redis answered PING (ms)", resumeMs);
        assertTrue(resumeMs <= 5_000, "caching resumed " + resumeMs + " ms after Redis came back");
    }

    @Test
    void redisFrozenUnderLoad_noRequestFails_p99Bounded_breakerOpensAndCloses() throws Exception {
        String scenario = "redis SIGSTOP " + 10 * SOAK + " s under load";
        HttpLoad.Result result;
        long frozenAt;
        long thawedAt;
        CircuitWatch.Reading opened;
        CircuitWatch.Reading closed = null;
        try (CircuitWatch watch = new CircuitWatch();
             HttpLoad load = HttpLoad.start(probes, THREADS, Duration.ofSeconds(30L * SOAK), 300_000L * SOAK)) {
            Thread.sleep(2_000);
            ItEnvironment.freezeRedis();
            frozenAt = System.nanoTime();
            Thread.sleep(10_000L * SOAK);
            ItEnvironment.thawRedis();
            thawedAt = System.nanoTime();
            opened = watch.first("open", frozenAt);
            long deadline = thawedAt + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && (closed = watch.first("closed", thawedAt)) == null) {
                Thread.sleep(50);
            }
            Thread.sleep(1_000);
            result = load.finish();
        }
        ReliabilityFigures.record(scenario, "load", result.summary());
        assertEquals(0, result.failures(), "failed requests: " + result.failureSamples());
        assertNotNull(opened, "readiness never showed circuit=open while Redis was frozen");
        assertTrue(opened.at() < thawedAt, "the circuit opened during the freeze");
        ReliabilityFigures.record(scenario, "circuit open after freeze (ms)", (opened.at() - frozenAt) / 1_000_000);
        assertNotNull(closed, "readiness did not show circuit=closed within 10 s of the thaw");
        ReliabilityFigures.record(scenario, "circuit closed after thaw (ms)", (closed.at() - thawedAt) / 1_000_000);
        ReliabilityFigures.record(scenario, "p99 (ms)", String.format(java.util.Locale.ROOT, "%.1f",
                result.percentileMillis(99)));
        assertTrue(result.percentileMillis(99) <= FROZEN_P99_MAX_MS,
                "p99 " + result.percentileMillis(99) + " ms over " + FROZEN_P99_MAX_MS + " ms: " + result.summary());
    }

    private static void register(String admin, String name, String status) {
        String body = "{\"name\":\"" + name + "\",\"agent_type\":\"developer\",\"status\":\"" + status
                + "\",\"capabilities\":[\"" + CAPABILITY + "\",\"" + CAPABILITY + "-b\"],\"configuration\":{\"max_concurrent_tasks\":3}}";
        try (Response r = http.as(admin, "api/agents").post(Entity.json(body))) {
            assertEquals(201, r.getStatus(), () -> "registering " + name + ": " + r.readEntity(String.class));
        }
    }
}
