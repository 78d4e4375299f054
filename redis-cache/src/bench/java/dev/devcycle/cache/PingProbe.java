package dev.devcycle.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The PING probe of {@link ClearPatternBenchmark}, run as a JVM of its own so that the benchmark's garbage collections
 * (KEYS returns a million strings) never stop it: one TCP connection, a raw RESP {@code PING} written from a constant
 * buffer and {@code +PONG} read into one, nothing allocated while probing. Each sample is the time from writing the
 * PING to reading the whole reply, with the {@link System#nanoTime()} it was sent at (CLOCK_MONOTONIC on Linux, the
 * same clock in every process, so the parent's start and end of a clear select the PINGs in flight during it).
 *
 * <p>Arguments: {@code host port intervalMicros} (0: back to back; otherwise one PING per interval, fixed rate).
 * Protocol on stdin/stdout, one line each: it prints {@code ready} after warming up; {@code start} begins probing and
 * answers {@code started} after the first sample; {@code stop <t0> <t1>} ends it and answers
 * {@code result <count> <p50ns> <p99ns> <p999ns> <maxns> <maxAtNsAfterT0> <overflow> <runQueueWaitNs>} over the
 * samples whose round trip overlaps [t0, t1] (the last: how long the probing thread waited for a core over the whole probe, from
 * {@code /proc/thread-self/schedstat}, -1 when unknown); {@code quit} exits.
 */
public final class PingProbe {

    private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int REPLY_LENGTH = "+PONG\r\n".length();
    /** 4 M samples: about 80 s back to back, more than an hour at 1 ms. */
    private static final int CAPACITY = 4 << 20;

    private final OutputStream out;
    private final InputStream in;
    private final long intervalNanos;
    private final byte[] reply = new byte[REPLY_LENGTH];
    private final long[] sentAt = new long[CAPACITY];
    private final long[] latency = new long[CAPACITY];
    private volatile boolean running;
    private volatile int count;
    private volatile IOException failure;
    /** The probing thread's run-queue wait (ns) over its last probe, from /proc/thread-self/schedstat; -1 unknown. */
    private volatile long runQueueWait = -1;

    private PingProbe(Socket socket, long intervalNanos) throws IOException {
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.intervalNanos = intervalNanos;
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        long intervalNanos = Long.parseLong(args[2]) * 1000L;
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            PingProbe probe = new PingProbe(socket, intervalNanos);
            for (int i = 0; i < 20_000; i++) {
                probe.ping();
            }
            stdout.println("ready");
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            Thread worker = null;
            for (String line; (line = commands.readLine()) != null; ) {
                String[] words = line.trim().split("\\s+");
                switch (words[0]) {
                    case "start" -> {
                        probe.count = 0;
                        probe.running = true;
                        worker = new Thread(probe::probe, "ping-probe");
                        worker.setPriority(Thread.MAX_PRIORITY);
                        worker.start();
                        while (probe.count == 0 && probe.failure == null) {
                            Thread.onSpinWait();
                        }
                        stdout.println("started");
                    }
                    case "stop" -> {
                        probe.running = false;
                        if (worker != null) {
                            worker.join();
                        }
                        if (probe.failure != null) {
                            stdout.println("error " + probe.failure);
                        } else {
                            stdout.println(probe.result(Long.parseLong(words[1]), Long.parseLong(words[2])));
                        }
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> stdout.println("error unknown command " + line);
                }
            }
        }
    }

    private void ping() throws IOException {
        out.write(PING);
        out.flush();
        int read = 0;
        while (read < REPLY_LENGTH) {
            int n = in.read(reply, read, REPLY_LENGTH - read);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            read += n;
        }
        if (reply[0] != '+') {
            throw new IOException("unexpected reply " + new String(reply, StandardCharsets.US_ASCII));
        }
    }

    private void probe() {
        int n = 0;
        long next = System.nanoTime();
        long waitedBefore = schedstatWait();
        try {
            while (running && n < CAPACITY) {
                if (intervalNanos > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    next += intervalNanos;
                    long now = System.nanoTime();
                    if (next < now) {
                        next = now; // late (descheduled or a long PING): no burst to catch up
                    }
                }
                long start = System.nanoTime();
                ping();
                latency[n] = System.nanoTime() - start;
                sentAt[n] = start;
                count = ++n;
            }
        } catch (IOException e) {
            failure = e;
        }
        long waitedAfter = schedstatWait();
        runQueueWait = waitedBefore < 0 || waitedAfter < 0 ? -1 : waitedAfter - waitedBefore;
        count = n;
    }

    /** Nanoseconds this thread has spent runnable but waiting for a core (schedstat's 2nd field); -1 unknown. */
    private static long schedstatWait() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat"))
                    .trim().split("\\s+");
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private String result(long t0, long t1) {
        int n = count;
        long[] selected = new long[n];
        int k = 0;
        long max = 0;
        long maxAt = 0;
        for (int i = 0; i < n; i++) {
            // Every PING whose round trip overlaps the clear: one sent just before t0 that waits behind the clear's
            // first command counts too.
            if (sentAt[i] + latency[i] >= t0 && sentAt[i] <= t1) {
                selected[k++] = latency[i];
                if (latency[i] > max) {
                    max = latency[i];
                    maxAt = sentAt[i] - t0;
                }
            }
        }
        long[] sorted = Arrays.copyOf(selected, k);
        Arrays.sort(sorted);
        return "result " + k + " " + percentile(sorted, 0.50) + " " + percentile(sorted, 0.99) + " "
                + percentile(sorted, 0.999) + " " + max + " " + maxAt + " " + (n >= CAPACITY) + " " + runQueueWait;
    }

    /** Nearest-rank percentile; 0 for no samples. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
