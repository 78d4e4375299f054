package it.dev.devcycle.fault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import it.dev.devcycle.ItEnvironment;

/**
 * A steady, bounded load of anonymous GETs against the started Liberty: a few threads cycle through a list of paths
 * whose exact answers were taken while everything was healthy, and every request that is not 2xx with that very
 * body counts as failed. Bounded in time and in count, and only ever sent to 127.0.0.1, so a scenario cannot run
 * away.
 *
 * <pre>{@code
 * try (HttpLoad load = HttpLoad.start(expected, 4, Duration.ofSeconds(12), 200_000)) {
 *     ... inject the fault ...
 *     HttpLoad.Result result = load.finish();
 * }
 * }</pre>
 */
final class HttpLoad implements AutoCloseable {

    /** A path under the server root and the body it must answer. */
    record Probe(String path, String expectedBody) {
    }

    /** What a load run saw. Latencies are of every request, in nanoseconds, sorted. */
    record Result(long requests, long failures, List<String> failureSamples, long[] latencies, Duration elapsed) {

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return 0;
            }
            int index = (int) Math.min(latencies.length - 1, Math.ceil(p / 100.0 * latencies.length) - 1);
            return latencies[Math.max(0, index)] / 1_000_000.0;
        }

        double maxMillis() {
            return latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1_000_000.0;
        }

        double requestsPerSecond() {
            return requests / Math.max(0.001, elapsed.toNanos() / 1e9);
        }

        String summary() {
            return String.format(java.util.Locale.ROOT,
                    "%d requests in %.1f s (%.0f/s), %d failed, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    requests, elapsed.toNanos() / 1e9, requestsPerSecond(), failures, percentileMillis(50),
                    percentileMillis(99), maxMillis());
        }
    }

    private static final int MAX_SAMPLES = 10;

    private final List<Probe> probes;
    private final long maxRequests;
    private final long deadline;
    private final long startedAt = System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService threads;
    private final List<Future<long[]>> workers = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());

    private HttpLoad(List<Probe> probes, int threadCount, Duration maxDuration, long maxRequests) {
        this.probes = List.copyOf(probes);
        this.maxRequests = maxRequests;
        this.deadline = startedAt + maxDuration.toNanos();
        this.threads = Executors.newFixedThreadPool(threadCount);
        for (int i = 0; i < threadCount; i++) {
            int offset = i;
            workers.add(threads.submit(() -> work(offset)));
        }
    }

    /** Starts the load at once; it stops by itself after {@code maxDuration} or {@code maxRequests}. */
    static HttpLoad start(List<Probe> probes, int threads, Duration maxDuration, long maxRequests) {
        return new HttpLoad(probes, threads, maxDuration, maxRequests);
    }

    /** The answer of one anonymous GET, for taking the expected bodies while everything is healthy. */
    static Probe expect(String path) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> r = client.send(request(path), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode() + " before the fault: "
                        + r.body());
            }
            return new Probe(path, r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("GET " + path + " failed before the fault", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Requests sent so far. */
    long sent() {
        return sent.get();
    }

    /** Stops the load, waits for the threads and returns what they saw. */
    Result finish() {
        stop.set(true);
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            try {
                parts.add(worker.get(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError("load thread did not finish", e);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedAt);
        threads.shutdown();
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return new Result(all.length, failures.get(), List.copyOf(failureSamples), all, elapsed);
    }

    @Override
    public void close() {
        stop.set(true);
        threads.shutdownNow();
    }

    private long[] work(int offset) {
        long[] latencies = new long[1024];
        int n = 0;
        int i = offset;
        while (!stop.get() && System.nanoTime() < deadline && sent.incrementAndGet() <= maxRequests) {
            Probe probe = probes.get(i++ % probes.size());
            long start = System.nanoTime();
            String problem = send(probe);
            long latency = System.nanoTime() - start;
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
            }
            latencies[n++] = latency;
            if (problem != null) {
                failures.incrementAndGet();
                if (failureSamples.size() < MAX_SAMPLES) {
                    failureSamples.add(problem);
                }
            }
        }
        return Arrays.copyOf(latencies, n);
    }

    /** Null when the answer is right, else what was wrong. */
    private String send(Probe probe) {
        try {
            HttpResponse<String> r = http.send(request(probe.path()), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                return probe.path() + " -> " + r.statusCode() + " " + r.body();
            }
            if (!probe.expectedBody().equals(r.body())) {
                return probe.path() + " -> wrong answer " + r.body() + ", expected " + probe.expectedBody();
            }
            return null;
        } catch (java.io.IOException e) {
            return probe.path() + " -> " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return probe.path() + " -> interrupted";
        }
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(ItEnvironment.baseUrl() + "/" + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .GET().build();
    }
}
