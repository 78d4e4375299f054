package dev.devcycle.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A {@code redis-server} process of a test's own, on a free loopback port, with nothing persisted. It is stopped by
 * its own PID: tests never touch Redis servers they did not start (the machine's shared one on 6379 included).
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final List<String> extraArgs;
    private final Path dir;
    private final Path configFile;
    private Process process;

    private RedisServerProcess(int port, List<String> extraArgs, String config) throws IOException {
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
        this.dir = Files.createTempDirectory("redis-test-" + port + "-");
        if (config != null) {
            // Sentinels and cluster nodes rewrite their configuration file, so it must be a file of their own.
            this.configFile = dir.resolve("redis.conf");
            Files.writeString(configFile, config.replace("${port}", String.valueOf(port)));
        } else {
            this.configFile = null;
        }
    }

    /** Starts a server on a free port; extra arguments are redis-server options, e.g. {@code "--requirepass", "x"}. */
    public static RedisServerProcess start(String... extraArgs) {
        return startWithConfig(null, extraArgs);
    }

    /**
     * Starts a server from a configuration file text ({@code ${port}} is replaced by the chosen port), then
     * command-line options; e.g. a sentinel with {@code "--sentinel"}.
     */
    public static RedisServerProcess startWithConfig(String config, String... extraArgs) {
        try {
            boolean cluster = config != null && config.contains("cluster-enabled yes");
            RedisServerProcess server = new RedisServerProcess(cluster ? freeClusterPort() : freePort(),
                    List.of(extraArgs), config);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public long pid() {
        return process.pid();
    }

    /** The server's log file (its output), for scenarios that count what it logged. */
    public Path logFile() {
        return dir.resolve("redis.log");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the process (SIGKILL), as a crash would. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** Stops the process (SIGTERM) and waits for it. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    /** Starts the server again on the same port, empty. */
    public void restart() {
        stop();
        try {
            startProcess();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Freezes the process (SIGSTOP): connections stay open but nothing is answered. */
    public void freeze() {
        signal("STOP");
    }

    /** Resumes a frozen process (SIGCONT). */
    public void thaw() {
        signal("CONT");
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            thaw();
        }
        kill();
    }

    private void startProcess() throws IOException {
        List<String> command = new ArrayList<>(List.of(RedisBinaries.server()));
        if (configFile != null) {
            command.add(configFile.toString());
        }
        command.addAll(List.of("--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--protected-mode", "no", "--loglevel", "warning"));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start: " + log());
            }
            if (answersPing()) {
                return;
            }
            sleep(20);
        }
        kill();
        throw new IllegalStateException("redis-server did not answer PING within " + START_TIMEOUT + ": " + log());
    }

    private boolean answersPing() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(500);
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] buffer = new byte[64];
            int n = socket.getInputStream().read(buffer);
            // "+PONG", or "-NOAUTH" when a password is required: either way the server is up.
            return n > 0 && (buffer[0] == '+' || buffer[0] == '-');
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void signal(String signal) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitForExit() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A plain connection to a server on loopback, for tests' raw reads and writes. RESP2 without the protocol
     * negotiation Jedis' {@code Jedis} class cannot do (asking for it only makes Jedis warn on every connection).
     */
    public static Jedis jedis(int port, int timeoutMillis) {
        return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder()
                .socketTimeoutMillis(timeoutMillis).connectionTimeoutMillis(timeoutMillis)
                .autoNegotiateProtocol(false).build());
    }

    /** A port free on loopback right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * A port free on loopback whose cluster bus port (the port + 10000, fixed by Redis) is free and valid too: an
     * ephemeral port alone may have its bus port taken by another process, or above 65535.
     */
    static int freeClusterPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            if (port + 10_000 > 65_535) {
                continue;
            }
            try (ServerSocket bus = new ServerSocket(port + 10_000)) {
                bus.setReuseAddress(true);
                return port;
            } catch (IOException taken) {
                // The bus port is in use: try another.
            }
        }
        throw new IOException("no free port with a free cluster bus port (port + 10000) found");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
