package dev.devcycle.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import dev.devcycle.redis.KeySpace;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.redis.RedisInfo;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.testsupport.RedisServerProcess;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.LatencyLatestInfo;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Slowlog;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Issue 8, target 5: clearing 1 M keys of a cache namespace while another client PINGs Redis; the largest PING
 * latency during the clear must stay ≤ 10 ms. Compares the module's {@link RedisCache#clearPattern} (SCAN + UNLINK in
 * batches, what {@code DELETE /cache/entries?pattern=} calls) with clearing the seed's way, KEYS then DEL.
 *
 * <p>On a redis-server of its own (free port, no persistence, DEBUG enabled, latency monitor at 1 ms, SLOWLOG from
 * 0.1 ms), it fills {@code keys} keys {@code devcycle:bench:clear:<n>} (value {@code value:<n>}, no TTL, by
 * {@code DEBUG POPULATE}) plus {@code other} keys outside the namespace, half {@code other:<n>} and half the near miss
 * {@code devcycle:bench:clearing:<n>}, which must all survive every clear. A probe in a JVM of its own
 * ({@link PingProbe}) PINGs on its own connection during each clear. Variants, run {@code runs} times in a rotating
 * order (after one unreported warm-up round of a tenth of the keys):
 * <ul>
 *   <li>{@code idle}: no clear, the probe alone for {@code idleMs} with the keys in place: the machine's noise floor
 *       at that moment (on a busy machine the probe's and Redis' scheduling delays alone reach milliseconds);</li>
 *   <li>{@code ours}: {@code RedisCache.clearPattern("*")} on a {@code RedisCache} of namespace
 *       {@code devcycle:bench:clear:} over the module's client ({@link RedisClientFactory#create});</li>
 *   <li>{@code keys}: {@code KEYS devcycle:bench:clear:*}, then {@code DEL} of {@code delBatch} keys at a time, one
 *       command after another;</li>
 *   <li>{@code keys-del-all}: {@code KEYS}, then one {@code DEL} of every key: what redis-py sends for
 *       {@code r.delete(*r.keys(pattern))} (its {@code delete(*names)} is a single {@code DEL} command);</li>
 *   <li>{@code scan-unlink:<n>} (not by default): {@link KeySpace#unlink}'s loop with SCAN COUNT {@code n}, to see how
 *       the batch size bounds the time of each command.</li>
 * </ul>
 * Every clear is checked: the reported count is every key of the namespace, none is left, and the {@code other} keys
 * are all still there; otherwise the benchmark fails.
 *
 * <p>Arguments {@code name=value}: {@code runs} (3), {@code keys} (1000000), {@code other} (100000),
 * {@code variants} (idle,ours,keys,keys-del-all), {@code delBatch} (1000), {@code idleMs} (2000),
 * {@code probeIntervalMicros} (1000; 0 for back to back), {@code out} (target/clear-pattern-benchmark.md). Run with
 * {@code mvn -B -P bench test-compile exec:exec@clear-pattern}; see docs/benchmarks.md.
 */
public final class ClearPatternBenchmark {

    static final String NAMESPACE = "devcycle:bench:clear:";
    static final String PATTERN = NAMESPACE + "*";
    static final String POPULATE_PREFIX = "devcycle:bench:clear";
    static final String OTHER_PREFIX = "other";
    static final String NEAR_MISS_PREFIX = "devcycle:bench:clearing";

    private static final Set<String> ADMIN_COMMANDS = Set.of("SLOWLOG", "LATENCY", "CONFIG", "INFO", "DEBUG");
    private static final ProtocolCommand DEBUG = () -> SafeEncoder.encode("DEBUG");

    private final int keys;
    private final int other;
    private final int delBatch;
    private final long idleMs;
    private final long redisPid;
    private final Jedis admin;
    private final Jedis keysClient;
    private final RedisCache cache;
    private final UnifiedJedis moduleClient;

    private ClearPatternBenchmark(RedisServerProcess server, int keys, int other, int delBatch, long idleMs) {
        this.idleMs = idleMs;
        this.redisPid = server.pid();
        this.keys = keys;
        this.other = other;
        this.delBatch = delBatch;
        this.admin = new Jedis(server.host(), server.port(), 300_000);
        // The seed's client: a plain connection, with a timeout long enough for KEYS and a DEL of every key.
        this.keysClient = new Jedis(server.host(), server.port(), 300_000);
        this.moduleClient = RedisClientFactory.create(new RedisSettings(server.host(), server.port(), Optional.empty(),
                0, 4, Duration.ofSeconds(2), Duration.ofSeconds(2), true));
        this.cache = new RedisCache(moduleClient, NAMESPACE, new ValueCodec(), 1 << 20);
    }

    /** One clear's figures. */
    record Run(String variant, int round, double clearMs, long removed, int pings, double pingP50Us,
               double pingP99Us, double pingP999Us, double pingMaxMs, double pingMaxAtMs, int slowlogOver1Ms,
               double slowestMs, String slowestCommand, String slowestPerCommand, double latencyMonitorMaxMs,
               String commands, double redisWaitMs, double redisCpuMs, double probeWaitMs) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        int keys = Integer.parseInt(options.getOrDefault("keys", "1000000"));
        int other = Integer.parseInt(options.getOrDefault("other", "100000"));
        int delBatch = Integer.parseInt(options.getOrDefault("delBatch", "1000"));
        long probeIntervalMicros = Long.parseLong(options.getOrDefault("probeIntervalMicros", "1000"));
        long idleMs = Long.parseLong(options.getOrDefault("idleMs", "2000"));
        List<String> variants = List.of(options.getOrDefault("variants", "idle,ours,keys,keys-del-all").split(","));
        Path out = Path.of(options.getOrDefault("out", "target/clear-pattern-benchmark.md"));
        for (String variant : variants) {
            if (!List.of("idle", "ours", "keys", "keys-del-all").contains(variant)
                    && !variant.matches("scan-unlink:\\d+")) {
                throw new IllegalArgumentException("unknown variant " + variant);
            }
        }
        String loadBefore = loadAverage();
        String started = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        List<Run> results = new ArrayList<>();
        String redisVersion;
        try (RedisServerProcess server = RedisServerProcess.start("--enable-debug-command", "yes",
                "--latency-monitor-threshold", "1", "--slowlog-log-slower-than", "100",
                "--slowlog-max-len", "100000");
             Probe probe = Probe.start(server, probeIntervalMicros)) {
            ClearPatternBenchmark bench = new ClearPatternBenchmark(server, keys, other, delBatch, idleMs);
            try {
                redisVersion = RedisInfo.parse(bench.admin.info("server")).get("redis_version");
                System.out.printf(Locale.ROOT, "redis-server %s pid %d port %d; %,d keys, %,d outside; probe every %s%n",
                        redisVersion, server.pid(), server.port(), keys, other,
                        probeIntervalMicros == 0 ? "back to back" : probeIntervalMicros + " µs");
                bench.populate(OTHER_PREFIX, other / 2);
                bench.populate(NEAR_MISS_PREFIX, other - other / 2);
                // Warm-up round (JIT of both clients), a tenth of the keys, not reported.
                for (String variant : variants) {
                    bench.clear(variant, 0, Math.max(1, keys / 10), probe);
                }
                for (int round = 1; round <= runs; round++) {
                    for (int i = 0; i < variants.size(); i++) {
                        String variant = variants.get((i + round - 1) % variants.size());
                        Run run = bench.clear(variant, round, keys, probe);
                        results.add(run);
                        System.out.printf(Locale.ROOT, "%-12s run %d: clear %.0f ms, %,d removed, %,d PINGs, "
                                        + "p50 %.0f µs, p99 %.0f µs, max %.2f ms at %.0f ms; Redis: slowest %.2f ms "
                                        + "(%s), %d ≥ 1 ms, latency monitor max %.0f ms; %s; run-queue wait: "
                                        + "Redis %.0f ms (CPU %.0f ms), probe %.0f ms%n",
                                run.variant(), run.round(), run.clearMs(), run.removed(), run.pings(),
                                run.pingP50Us(), run.pingP99Us(), run.pingMaxMs(), run.pingMaxAtMs(),
                                run.slowestMs(), run.slowestCommand(), run.slowlogOver1Ms(),
                                run.latencyMonitorMaxMs(), run.commands(), run.redisWaitMs(), run.redisCpuMs(),
                                run.probeWaitMs());
                    }
                }
            } finally {
                bench.close();
            }
        }
        String report = report(started, loadBefore, loadAverage(), redisVersion, keys, other, delBatch,
                probeIntervalMicros, variants, results);
        System.out.println();
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println("written to " + out.toAbsolutePath());
    }

    private Run clear(String variant, int round, int count, Probe probe) throws Exception {
        long prepare = System.nanoTime();
        populate(POPULATE_PREFIX, count);
        long populated = System.nanoTime();
        settle();
        long settled = System.nanoTime();
        admin.configResetStat();
        admin.slowlogReset();
        admin.latencyReset();
        System.gc();
        probe.begin();
        long[] redisBefore = schedstat(redisPid);
        long t0 = System.nanoTime();
        long removed = switch (variant) {
            case "idle" -> idle();
            case "ours" -> cache.clearPattern("*");
            case "keys" -> keysThenDel(delBatch);
            case "keys-del-all" -> keysThenDel(Integer.MAX_VALUE);
            default -> scanUnlink(Integer.parseInt(variant.substring("scan-unlink:".length())));
        };
        long t1 = System.nanoTime();
        long[] redisAfter = schedstat(redisPid);
        long[] ping = probe.end(t0, t1);

        long monitorMax = admin.latencyLatest().values().stream()
                .mapToLong(LatencyLatestInfo::getMaxEventLatency).max().orElse(0);
        // The benchmark's own bookkeeping (SLOWLOG RESET, CONFIG RESETSTAT, ...) is not part of the clear.
        List<Slowlog> slowlog = admin.slowlogGet(100_000).stream()
                .filter(entry -> !ADMIN_COMMANDS.contains(entry.getArgs().get(0).toUpperCase(Locale.ROOT)))
                .toList();
        Slowlog slowest = slowlog.stream().max((a, b) -> Long.compare(a.getExecutionTime(), b.getExecutionTime()))
                .orElse(null);
        String commands = commandCounts(admin.info("commandstats"));
        if (variant.equals("idle")) {
            long cleared = cache.clearPattern("*"); // not measured: the next round starts from the same key set
            verify(variant, count, cleared);
        } else {
            verify(variant, count, removed);
        }
        System.out.printf(Locale.ROOT, "  (populate %.1f s, settle %.1f s, verify %.1f s)%n",
                (populated - prepare) / 1e9, (settled - populated) / 1e9, (System.nanoTime() - t1) / 1e9);
        return new Run(variant, round, (t1 - t0) / 1e6, removed, (int) ping[0], ping[1] / 1e3, ping[2] / 1e3,
                ping[3] / 1e3, ping[4] / 1e6, ping[5] / 1e6,
                (int) slowlog.stream().filter(entry -> entry.getExecutionTime() >= 1000).count(),
                slowest == null ? 0 : slowest.getExecutionTime() / 1e3,
                slowest == null ? "-" : slowest.getArgs().get(0).toUpperCase(Locale.ROOT), slowestPerCommand(slowlog),
                monitorMax, commands,
                redisBefore == null || redisAfter == null ? -1 : (redisAfter[1] - redisBefore[1]) / 1e6,
                redisBefore == null || redisAfter == null ? -1 : (redisAfter[0] - redisBefore[0]) / 1e6,
                ping[6] < 0 ? -1 : ping[6] / 1e6);
    }

    /** CPU time and run-queue wait (ns) of a process' main thread, from /proc/[pid]/task/[pid]/schedstat. */
    private static long[] schedstat(long pid) {
        try {
            String[] f = Files.readString(Path.of("/proc", String.valueOf(pid), "task", String.valueOf(pid),
                    "schedstat")).trim().split("\\s+");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** No clear: the probe alone for {@code idleMs}, the noise floor of the machine at that moment. */
    private long idle() throws InterruptedException {
        Thread.sleep(idleMs);
        return 0;
    }

    /**
     * {@link KeySpace#unlink}'s loop (standalone) with another SCAN COUNT, to see how the batch size bounds the
     * commands' time: SCAN MATCH COUNT {@code count}, then one UNLINK of the page, on the module's client.
     */
    private long scanUnlink(int count) {
        ScanParams params = new ScanParams().match(PATTERN).count(count);
        String cursor = ScanParams.SCAN_POINTER_START;
        long removed = 0;
        do {
            ScanResult<String> page = moduleClient.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                removed += moduleClient.unlink(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return removed;
    }

    /** "KEYS 748.5, DEL 410.2": the longest SLOWLOG entry (ms) of each command, longest first. */
    static String slowestPerCommand(List<Slowlog> slowlog) {
        Map<String, Long> longest = new LinkedHashMap<>();
        for (Slowlog entry : slowlog) {
            longest.merge(entry.getArgs().get(0).toUpperCase(Locale.ROOT), entry.getExecutionTime(), Math::max);
        }
        return longest.isEmpty() ? "-" : String.join(", ", longest.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e3)).toList());
    }

    /** The seed's way: KEYS, then DEL of at most {@code batch} keys per command. */
    private long keysThenDel(int batch) {
        Set<String> found = keysClient.keys(PATTERN);
        String[] all = found.toArray(String[]::new);
        long removed = 0;
        for (int from = 0; from < all.length; from += batch) {
            int to = (int) Math.min(all.length, (long) from + batch);
            removed += keysClient.del(from == 0 && to == all.length ? all : Arrays.copyOfRange(all, from, to));
        }
        return removed;
    }

    private void populate(String prefix, int count) {
        // Keys "<prefix>:0" .. "<prefix>:<count-1>", values "value:<n>"; existing keys are left alone.
        admin.sendCommand(DEBUG, "POPULATE", String.valueOf(count), prefix);
    }

    /**
     * Waits until the main dictionary is not rehashing, so every clear starts from the same state. Refilling grows the
     * table that the previous clear shrank, and Redis finishes that rehash 1 ms per cron tick: at the default hz 10
     * that takes ≈ 20 s for a million keys, so the cron runs at hz 500 while waiting and at the default during the
     * clear.
     */
    private void settle() throws InterruptedException {
        String hz = admin.configGet("hz").get("hz");
        admin.configSet("hz", "500");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                Object stats = admin.sendCommand(DEBUG, "HTSTATS", "0");
                String text = stats instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                        : String.valueOf(stats);
                if (!text.contains("rehashing")) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("Redis still rehashing after 60 s");
        } finally {
            admin.configSet("hz", hz);
        }
    }

    private void verify(String variant, int count, long removed) {
        long left = KeySpace.count(moduleClient, PATTERN);
        long others = KeySpace.count(moduleClient, OTHER_PREFIX + ":*");
        long nearMiss = KeySpace.count(moduleClient, NEAR_MISS_PREFIX + ":*");
        long dbsize = admin.dbSize();
        if (removed != count || left != 0 || others != other / 2 || nearMiss != other - other / 2
                || dbsize != other) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s: removed %d of %d, %d left in the namespace, other:* %d of %d, %s:* %d of %d, dbsize %d",
                    variant, removed, count, left, others, other / 2, NEAR_MISS_PREFIX, nearMiss,
                    other - other / 2, dbsize));
        }
    }

    private void close() {
        moduleClient.close();
        keysClient.close();
        admin.close();
    }

    /** "1,100 SCAN (mean 0.31 ms) + 1,100 UNLINK (mean 0.25 ms)" from INFO commandstats (reset before the clear), the admin's own calls left out. */
    static String commandCounts(String commandstats) {
        Map<String, String> stats = RedisInfo.parse(commandstats);
        List<String> parts = new ArrayList<>();
        for (String command : List.of("scan", "unlink", "keys", "del")) {
            String line = stats.get("cmdstat_" + command);
            if (line == null) {
                continue;
            }
            String calls = line.replaceAll("^(?:.*,)?calls=(\\d+).*$", "$1");
            String mean = line.replaceAll("^(?:.*,)?usec_per_call=([0-9.]+).*$", "$1");
            parts.add(String.format(Locale.ROOT, "%,d %s (mean %.2f ms)", Long.parseLong(calls),
                    command.toUpperCase(Locale.ROOT), Double.parseDouble(mean) / 1e3));
        }
        return parts.isEmpty() ? "-" : String.join(" + ", parts);
    }

    static String report(String started, String loadBefore, String loadAfter, String redisVersion, int keys,
                         int other, int delBatch, long probeIntervalMicros, List<String> variants,
                         List<Run> results) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run %s UTC, %d cores, load average before %s, after %s; redis-server "
                        + "%s; %,d keys in the namespace + %,d outside (all survived every clear); PING probe %s; "
                        + "%d run(s) per variant, medians.%n%n",
                started, Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, redisVersion, keys,
                other, probeIntervalMicros == 0 ? "back to back" : "every " + probeIntervalMicros + " µs",
                results.stream().filter(r -> r.variant().equals(variants.get(0))).count()));
        md.append("| method | clear ms | keys removed | PINGs | PING p50 µs | PING p99 µs | **PING max ms** "
                + "| Redis: slowest command ms (SLOWLOG) | commands ≥ 1 ms | LATENCY LATEST max ms "
                + "| waited for a core, ms: Redis / probe | commands |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String variant : variants) {
            List<Run> runs = results.stream().filter(r -> r.variant().equals(variant)).toList();
            if (runs.isEmpty()) {
                continue;
            }
            double slowest = median(runs, Run::slowestMs);
            String slowestCommands = String.join("/", runs.stream().map(Run::slowestCommand).distinct().toList());
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %,d | %,.0f | %.0f | %.0f | **%.1f** | %s "
                            + "| %.0f | %.0f | %.0f / %.0f | %s |%n",
                    label(variant, delBatch), median(runs, Run::clearMs), runs.get(0).removed(),
                    median(runs, Run::pings), median(runs, Run::pingP50Us), median(runs, Run::pingP99Us),
                    median(runs, Run::pingMaxMs),
                    slowest == 0 ? "< 0.1" : String.format(Locale.ROOT, "%.1f (%s)", slowest, slowestCommands),
                    median(runs, Run::slowlogOver1Ms), median(runs, Run::latencyMonitorMaxMs),
                    median(runs, Run::redisWaitMs), median(runs, Run::probeWaitMs),
                    runs.get(0).commands().replaceAll(" \\(mean [^)]*\\)", "")));
        }
        md.append("\nEvery run:\n\n");
        md.append("| method | run | clear ms | PINGs | PING p50 µs | p99 µs | p99.9 µs | max ms (at ms) "
                + "| SLOWLOG: longest per command, ms | SLOWLOG ≥ 1 ms | LATENCY LATEST max ms "
                + "| Redis CPU ms, waited ms | probe waited ms | commands |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %,d | %.0f | %.0f | %.0f | %.2f (%.0f) | %s "
                            + "| %d | %.0f | %.0f, %.0f | %.0f | %s |%n",
                    r.variant(), r.round(), r.clearMs(), r.pings(), r.pingP50Us(), r.pingP99Us(), r.pingP999Us(),
                    r.pingMaxMs(), r.pingMaxAtMs(), r.slowestPerCommand(), r.slowlogOver1Ms(),
                    r.latencyMonitorMaxMs(), r.redisCpuMs(), r.redisWaitMs(), r.probeWaitMs(), r.commands()));
        }
        return md.toString();
    }

    private static String label(String variant, int delBatch) {
        return switch (variant) {
            case "idle" -> "no clear: the probe alone (noise floor)";
            case "ours" -> "`RedisCache.clearPattern(\"*\")` (SCAN MATCH COUNT " + KeySpace.BATCH + " + UNLINK)";
            case "keys" -> String.format(Locale.ROOT, "`KEYS` + `DEL` in batches of %,d", delBatch);
            case "keys-del-all" -> "`KEYS` + one `DEL` of all (redis-py `delete(*keys)`)";
            default -> "SCAN MATCH COUNT " + variant.substring("scan-unlink:".length()) + " + UNLINK (bench copy)";
        };
    }

    static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
        double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            for (String word : arg.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                int eq = word.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected name=value, got " + word);
                }
                options.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return options;
    }

    /** The {@link PingProbe} process. */
    static final class Probe implements AutoCloseable {
        private final Process process;
        private final BufferedReader replies;
        private final PrintStream commands;

        private Probe(Process process) {
            this.process = process;
            this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        static Probe start(RedisServerProcess server, long intervalMicros) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), PingProbe.class.getName(), server.host(),
                    String.valueOf(server.port()), String.valueOf(intervalMicros))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            Probe probe = new Probe(process);
            probe.expect("ready");
            return probe;
        }

        void begin() throws IOException {
            commands.println("start");
            expect("started");
        }

        /** count, p50, p99, p99.9, max (ns), max's send time after t0 (ns), the probe's run-queue wait (ns). */
        long[] end(long t0, long t1) throws IOException {
            commands.println("stop " + t0 + " " + t1);
            String line = replies.readLine();
            if (line == null || !line.startsWith("result ")) {
                throw new IllegalStateException("probe: " + line);
            }
            String[] f = line.split(" ");
            if (Boolean.parseBoolean(f[7])) {
                throw new IllegalStateException("probe buffer full: raise PingProbe.CAPACITY or the interval");
            }
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[8])};
        }

        private void expect(String word) throws IOException {
            String line = replies.readLine();
            if (!word.equals(line)) {
                throw new IllegalStateException("probe answered " + line + " instead of " + word);
            }
        }

        @Override
        public void close() {
            commands.println("quit");
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
