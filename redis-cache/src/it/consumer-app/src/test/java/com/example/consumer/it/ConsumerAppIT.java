package com.example.consumer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Two applications that added devcycle-redis-cache, on one Liberty server, checked over HTTP and in Redis:
 * consumer-a with everything the module contributes, consumer-b with its own Jedis client and the module's health
 * checks and metrics switched off. Each keeps its own pool and key prefix; nothing of the agent service is there.
 */
class ConsumerAppIT {

    private static final String PORT = System.getProperty("it.http.port");
    private static final int REDIS_PORT = Integer.getInteger("it.redis.port");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Jedis redis;

    @BeforeAll
    static void connect() {
        redis = new Jedis(new HostAndPort("127.0.0.1", REDIS_PORT),
                DefaultJedisClientConfig.builder().autoNegotiateProtocol(false).socketTimeoutMillis(5000).build());
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    /** {@code @Inject RedisCache}: its namespace and settings from each application's MicroProfile Config. */
    @Test
    void injectedRedisCacheUsesEachApplicationsConfiguration() throws Exception {
        JsonObject storedA = json(get("/a/kv?key=greeting&value=hello-a"));
        JsonObject storedB = json(get("/b/kv?key=greeting&value=hello-b"));
        assertTrue(storedA.getBoolean("stored") && storedB.getBoolean("stored"), storedA + " " + storedB);
        assertEquals("consumer-a:kv:", storedA.getString("namespace"));
        assertEquals("hello-a", redis.get("consumer-a:kv:greeting"), "the raw key of consumer-a");
        assertEquals("hello-b", redis.get("consumer-b:kv:greeting"), "the raw key of consumer-b");
        assertEquals("hello-a", json(get("/a/kv?key=greeting")).getString("value"));
        assertEquals("hello-b", json(get("/b/kv?key=greeting")).getString("value"));
    }

    /** {@code @CacheResult}: the second call is a hit (the method's counter stays), under the application's prefix. */
    @Test
    void annotatedMethodCaches() throws Exception {
        redis.del("consumer-a:prices:pear", "consumer-b:prices:pear");
        JsonObject first = json(get("/a/price?item=pear"));
        JsonObject second = json(get("/a/price?item=pear"));
        assertEquals(400, second.getInt("price"));
        assertEquals(first.getInt("lookups"), second.getInt("lookups"), "the second call is a hit: " + second);
        assertEquals("400", redis.get("consumer-a:prices:pear"), "the raw key: <key-prefix><cacheName>:<key>");
        long ttl = redis.pttl("consumer-a:prices:pear");
        assertTrue(ttl > 50_000 && ttl <= 60_000, "the annotation's ttl = 1m, was " + ttl);

        int before = json(get("/b/price?item=pear")).getInt("lookups");
        assertEquals(before, json(get("/b/price?item=pear")).getInt("lookups"), "consumer-b caches too");
        assertEquals("400", redis.get("consumer-b:prices:pear"), "under consumer-b's own prefix");
    }

    /** Two pools: consumer-a's from the module (3 connections, its client name), consumer-b's own (2). */
    @Test
    void eachApplicationHasItsOwnPool() throws Exception {
        JsonObject a = json(get("/a/client"));
        JsonObject b = json(get("/b/client"));
        assertEquals(3, a.getInt("pool_max"), "redis.max.connections of consumer-a: " + a);
        assertEquals(2, b.getInt("pool_max"), "consumer-b's own client: " + b);
        get("/b/kv?key=pool&value=x");
        String clients = redis.clientList();
        assertTrue(clients.contains("name=consumer-a "), "consumer-a's connections by its client name: " + clients);
        assertTrue(clients.contains("name=consumer-b-own "), "consumer-b's own client: " + clients);
        assertFalse(clients.contains("name=devcycle-redis-cache "), "no client of the module's default: " + clients);
    }

    /** The module's readiness and startup checks: consumer-a's present and UP, consumer-b's switched off. */
    @Test
    void healthChecksAppearAndCanBeSwitchedOff() throws Exception {
        List<JsonObject> ready = checks("/health/ready", "redis");
        assertEquals(1, ready.size(), "one redis readiness check, consumer-a's: " + ready);
        JsonObject check = ready.get(0);
        assertEquals("UP", check.getString("status"), check.toString());
        assertEquals("consumer-a", check.getJsonObject("data").getString("client_name"));
        assertEquals(REDIS_PORT, check.getJsonObject("data").getInt("port"));
        List<JsonObject> started = checks("/health/started", "redis-client");
        assertEquals(1, started.size(), "one startup check, consumer-a's: " + started);
        assertEquals("consumer-a", started.get(0).getJsonObject("data").getString("client_name"));
    }

    /** The cache and pool metrics: consumer-a's under its mp_app tag, none of consumer-b's (switched off). */
    @Test
    void metricsAppearAndCanBeSwitchedOff() throws Exception {
        get("/a/price?item=plum");
        get("/a/price?item=plum");
        // New caches are registered within a few seconds of their first use.
        awaitTrue(() -> metricLine("cache_hits", "cache=\"prices\"", "mp_app=\"consumer-a\"") != null,
                Duration.ofSeconds(20));
        String poolMax = metricLine("redis_pool_max", "mp_app=\"consumer-a\"");
        assertTrue(poolMax != null && poolMax.endsWith(" 3.0"), "consumer-a's pool of 3: " + poolMax);
        for (String line : scrape().lines().toList()) {
            if (line.startsWith("cache_") || line.startsWith("redis_")) {
                assertFalse(line.contains("mp_app=\"consumer-b\""), "a metric of consumer-b's: " + line);
            }
        }
    }

    /** The applications are the module's users only: no agent service, no login, no dashboard. */
    @Test
    void nothingOfTheServiceIsDeployed() throws Exception {
        for (String path : new String[] {"/api/agents", "/api/auth/login", "/", "/a/api/agents", "/b/api/auth/login",
                "/a/dashboard/dashboard.js", "/api/cache/stats"}) {
            assertEquals(404, get(path).statusCode(), path);
        }
    }

    private static List<JsonObject> checks(String path, String name) throws Exception {
        JsonObject health = json(get(path));
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> name.equals(c.getString("name"))).toList();
    }

    /** The first Prometheus line of a metric carrying all the given labels, or null. */
    private static String metricLine(String name, String... labels) {
        String text;
        try {
            text = scrape();
        } catch (Exception e) {
            return null;
        }
        return text.lines().filter(l -> l.startsWith(name + "{") && List.of(labels).stream().allMatch(l::contains))
                .findFirst().orElse(null);
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = get("/metrics?scope=application");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        JsonValue value = Json.createReader(new StringReader(response.body())).readValue();
        return value.asJsonObject();
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
