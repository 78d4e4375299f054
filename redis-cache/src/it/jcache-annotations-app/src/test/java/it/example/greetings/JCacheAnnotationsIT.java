package it.example.greetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The standard JSR-107 annotations on a started Liberty, over HTTP: the application deployed with the module's
 * extension, {@code @CacheResult} answers from the cache (the greeting is not made again), {@code @CacheRemove}
 * removes one key and {@code @CacheRemoveAll} all of them.
 */
class JCacheAnnotationsIT {

    private static final String BASE = "http://127.0.0.1:" + System.getProperty("it.http.port") + "/api/";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void theApplicationIsDeployedOnTheExpectedProvider() throws Exception {
        String status = get("status");
        assertTrue(status.startsWith("jcache-annotations-app deployed"), status);
        String expected = Boolean.getBoolean("it.jcache.reference.implementation")
                ? "org.jsr107.ri.spi.RICachingProvider" : "dev.devcycle.jcache.";
        assertTrue(status.contains(expected), "provider: " + status);
    }

    @Test
    void cacheResultAnswersFromTheCache() throws Exception {
        int before = runs();
        String first = get("greetings/ann");
        assertEquals(first, get("greetings/ann"));
        assertEquals(first, get("greetings/ann"));
        assertEquals(before + 1, runs(), "one greeting made for three calls");
    }

    @Test
    void cacheRemoveRemovesOneKey() throws Exception {
        String bob = get("greetings/bob");
        String carl = get("greetings/carl");
        int before = runs();
        assertEquals(204, send("DELETE", "greetings/bob").statusCode());
        assertNotEquals(bob, get("greetings/bob"), "bob's greeting is made again");
        assertEquals(carl, get("greetings/carl"), "carl's stays cached");
        assertEquals(before + 1, runs());
    }

    @Test
    void cacheRemoveAllRemovesEveryKey() throws Exception {
        String dora = get("greetings/dora");
        String emil = get("greetings/emil");
        int before = runs();
        assertEquals(204, send("DELETE", "greetings").statusCode());
        assertNotEquals(dora, get("greetings/dora"));
        assertNotEquals(emil, get("greetings/emil"));
        assertEquals(before + 2, runs());
    }

    private static int runs() throws Exception {
        return Integer.parseInt(get("runs"));
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
