package it.dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import it.dev.devcycle.ItAuth;
import it.dev.devcycle.RawHttp;

/**
 * Brute force against the started server: failed logins are limited per user name and per client address (the
 * server's limits for the ITs: 5 per name, 100 per client, in pom.xml), the answer is a 429 with Retry-After and the
 * JSON error body, and neither a header the client controls (X-Forwarded-For) nor a change of case gets around it.
 * Clients are told apart by their own loopback address (127.0.0.x).
 */
class LoginThrottleIT {

    private static final int PER_USER = 5;
    private static final int PER_CLIENT = 100;

    @Test
    void aNameIsLockedAfterItsFailuresFromEveryClientAndEveryWayOfWritingIt() throws Exception {
        String from = randomLoopback();
        String name = "it-throttle-" + UUID.randomUUID();
        for (int i = 0; i < PER_USER; i++) {
            assertEquals(401, login(from, name, "wrong-" + i, List.of()).status(), "failure " + i);
        }
        RawHttp.Answer refused = login(from, name, "wrong", List.of());
        assertEquals(429, refused.status());
        assertEquals("{\"error\":\"too many failed logins; retry later\"}", refused.body());
        long retry = Long.parseLong(refused.headers().get("retry-after"));
        assertTrue(retry > 0 && retry <= 300, "Retry-After " + retry);

        assertEquals(429, login(randomLoopback(), name, "wrong", List.of()).status(), "from another client");
        assertEquals(429, login(from, name, "wrong", List.of("X-Forwarded-For: 203.0.113.9")).status(),
                "a forwarded-for header changes nothing");
        assertEquals(429, login(from, name.toUpperCase(java.util.Locale.ROOT), "wrong", List.of()).status(),
                "nor does the case of the name");
    }

    @Test
    void aClientIsLockedAfterItsFailuresWhateverNamesItTries() throws Exception {
        String from = randomLoopback();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> failures = new ArrayList<>();
            for (int i = 0; i < PER_CLIENT; i++) {
                String name = "it-spray-" + i + "-" + UUID.randomUUID();
                failures.add(pool.submit(() -> login(from, name, "wrong", List.of()).status()));
            }
            for (Future<Integer> f : failures) {
                assertEquals(401, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        RawHttp.Answer refused = login(from, "it-spray-new-" + UUID.randomUUID(), "wrong", List.of());
        assertEquals(429, refused.status(), "a new name from the same client: " + refused.body());
        assertEquals(429, login(from, ItAuth.plainUser(), ItAuth.plainPassword(), List.of()).status(),
                "even the right password, while the client is locked");
        assertEquals(200, login(randomLoopback(), ItAuth.plainUser(), ItAuth.plainPassword(), List.of()).status(),
                "other clients log in");
    }

    private static RawHttp.Answer login(String from, String name, String password, List<String> extra)
            throws Exception {
        List<String> headers = new ArrayList<>(extra);
        headers.add("Content-Type: application/json");
        String body = "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}";
        return RawHttp.send(from, "POST", "/api/auth/login", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A loopback address other tests do not use (they all come from 127.0.0.1). */
    private static String randomLoopback() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + r.nextInt(1, 255) + "." + r.nextInt(1, 255) + "." + r.nextInt(2, 255);
    }
}
