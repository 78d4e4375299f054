package it.dev.devcycle.fault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import it.dev.devcycle.ItEnvironment;
import it.dev.devcycle.ItJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Polls {@code /health/ready} every 100 ms on a thread of its own and keeps what the {@code redis} check's data said
 * about the circuit breaker, so a scenario can show the breaker opened during a fault and closed after it.
 */
final class CircuitWatch implements AutoCloseable {

    /** One reading: nanoTime, the {@code circuit} value, the readiness check's {@code error} (empty when up). */
    record Reading(long at, String circuit, String error) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Reading> readings = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    CircuitWatch() {
        thread = new Thread(this::poll, "circuit-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The readings so far, in order. */
    synchronized List<Reading> readings() {
        return List.copyOf(readings);
    }

    /** The first reading after {@code since} (nanoTime) whose circuit is {@code state}, if any. */
    synchronized Reading first(String state, long since) {
        for (Reading r : readings) {
            if (r.at() >= since && state.equals(r.circuit())) {
                return r;
            }
        }
        return null;
    }

    /** The readiness check's {@code redis} data right now. */
    static JsonObject redisCheckData() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create(ItEnvironment.baseUrl() + "/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return redisData(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("readiness did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void poll() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ItEnvironment.baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        while (!stop.get()) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                JsonObject data = redisData(r.body());
                synchronized (this) {
                    readings.add(new Reading(System.nanoTime(), data.getString("circuit", "?"),
                            data.getString("error", "")));
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | java.io.IOException e) {
                // A reading missed; the next one is 100 ms away.
            }
        }
    }

    private static JsonObject redisData(String body) {
        for (JsonValue check : ItJson.object(body).getJsonArray("checks")) {
            JsonObject c = check.asJsonObject();
            if ("redis".equals(c.getString("name"))) {
                return c.getJsonObject("data");
            }
        }
        throw new AssertionError("no redis check in readiness: " + body);
    }

    @Override
    public void close() {
        stop.set(true);
        thread.interrupt();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
