package dev.devcycle.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the tests' own: {@code initdb} into a temporary folder, started on a free loopback port with
 * trust authentication, stopped (and its folder removed) by {@link #close()} — so the repository tests never use or
 * disturb the machine's shared PostgreSQL on 5432. PostgreSQL refuses to run as root: as root the commands run as the
 * {@code postgres} user that Debian's package creates.
 *
 * <p>Needs Debian's PostgreSQL server binaries ({@code /usr/lib/postgresql/<version>/bin}); without them it fails with
 * what to install, never skips.
 */
public final class PostgresServerProcess implements AutoCloseable {

    static final String MSG_MISSING = "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: the "
            + "PostgreSQL repository tests need them (apt-get install -y postgresql; .ci/run installs it)";
    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServerProcess(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates and starts a cluster; its database {@code postgres} is open to user {@code postgres} without password. */
    public static PostgresServerProcess start() throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("postgres-test-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()), dir, "chown");
        }
        int port = freePort();
        PostgresServerProcess server = new PostgresServerProcess(bin, dir, port, root);
        try {
            server.pg("initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "-E", "UTF8",
                    "--auth=trust", "--no-sync");
            // Only a loopback TCP port and a socket in our own folder: nothing of the shared server's is touched.
            server.pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("postgres.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                    "start");
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Stops the server this object started ({@code pg_ctl stop} on its own data folder) and removes the folder. */
    @Override
    public void close() {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new IllegalStateException("stopping the tests' PostgreSQL in " + dir + " failed", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private void pg(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        run(command, dir, tool);
    }

    private static void run(List<String> command, Path dir, String name) throws IOException, InterruptedException {
        Path log = Files.createTempFile("postgres-" + name + "-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within 90 s: " + Files.readString(log));
            }
            if (process.exitValue() != 0) {
                String serverLog = Files.exists(dir.resolve("postgres.log"))
                        ? Files.readString(dir.resolve("postgres.log")) : "";
                throw new IllegalStateException(name + " failed (" + process.exitValue() + "): "
                        + Files.readString(log) + serverLog);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path binaries() throws IOException {
        if (Files.isDirectory(INSTALLATIONS)) {
            try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
                return versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparing(Path::toString))
                        .orElseThrow(() -> new IllegalStateException(MSG_MISSING));
            }
        }
        throw new IllegalStateException(MSG_MISSING);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }
}
