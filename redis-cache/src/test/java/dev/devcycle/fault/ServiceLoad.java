package dev.devcycle.fault;

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

/**
 * A bounded concurrent loop of calls into the application (annotated beans, {@code RedisCache}): each call returns
 * null when its answer is right or says what was wrong; an exception is a failure too. Bounded by a deadline and a
 * call count so a scenario cannot run away.
 */
final class ServiceLoad implements AutoCloseable {

    /** One call; {@code n} is the thread's call number, to vary keys. */
    @FunctionalInterface
    interface Call {
        String run(int thread, long n) throws Exception;
    }

    private static final int MAX_SAMPLES = 10;

    private final ExecutorService threads;
    private final List<Future<long[]>> workers = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<String> samples = Collections.synchronizedList(new ArrayList<>());
    private final long deadline;
    private final long maxCalls;

    ServiceLoad(int threadCount, java.time.Duration maxDuration, long maxCalls, Call call) {
        this.deadline = System.nanoTime() + maxDuration.toNanos();
        this.maxCalls = maxCalls;
        this.threads = Executors.newFixedThreadPool(threadCount);
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            workers.add(threads.submit(() -> work(thread, call)));
        }
    }

    private long[] work(int thread, Call call) {
        long[] latencies = new long[4096];
        int n = 0;
        while (!stop.get() && System.nanoTime() < deadline && calls.incrementAndGet() <= maxCalls) {
            long start = System.nanoTime();
            String problem;
            try {
                problem = call.run(thread, n);
            } catch (Exception | AssertionError e) {
                problem = e.toString();
            }
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
            }
            latencies[n++] = System.nanoTime() - start;
            if (problem != null) {
                failures.incrementAndGet();
                if (samples.size() < MAX_SAMPLES) {
                    samples.add(problem);
                }
            }
        }
        return Arrays.copyOf(latencies, n);
    }

    /** Stops, waits for the threads and summarises: calls, failures, latency percentiles. */
    Summary finish() throws Exception {
        stop.set(true);
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            parts.add(worker.get(60, TimeUnit.SECONDS));
        }
        threads.shutdown();
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return new Summary(all.length, failures.get(), List.copyOf(samples), all);
    }

    @Override
    public void close() {
        stop.set(true);
        threads.shutdownNow();
    }

    /** What a load saw; latencies sorted, nanoseconds. */
    record Summary(long calls, long failures, List<String> samples, long[] latencies) {

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return 0;
            }
            int index = (int) Math.min(latencies.length - 1, Math.ceil(p / 100.0 * latencies.length) - 1);
            return latencies[Math.max(0, index)] / 1_000_000.0;
        }

        String text() {
            return String.format(java.util.Locale.ROOT, "%d calls, %d failed, p50 %.2f ms, p99 %.1f ms, max %.1f ms",
                    calls, failures, percentileMillis(50), percentileMillis(99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
        }
    }
}
