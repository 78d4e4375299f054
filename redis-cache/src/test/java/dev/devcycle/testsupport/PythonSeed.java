package dev.devcycle.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * Runs the tests' reproduction of the seed's Python services with a real python3 and redis-py against a test's own
 * redis-server: {@code python/seed_redis_cache.py} (its RedisCache, in this module's test resources, so in its
 * test-jar) and {@code python/seed_services.py} (its agent availability service and session monitor, in the service's
 * test resources); see their docstrings. A machine without python3 or redis-py fails the test with what to install,
 * never skips it.
 */
public final class PythonSeed {

    static final String INSTALL = "The Python interoperability tests need python3 with the redis module "
            + "(redis-py): apt-get install -y python3 python3-redis (Debian installs it for /usr/bin/python3)";
    private static final String[] SCRIPTS = {"seed_redis_cache.py", "seed_services.py"};
    private static final long TIMEOUT_SECONDS = 60;

    private static String interpreter;
    private static Path scripts;

    private PythonSeed() {
    }

    /**
     * The python3 that imports {@code redis}: Debian's {@code /usr/bin/python3} (where {@code python3-redis} installs
     * it) or the first {@code python3} on the PATH.
     *
     * @throws IllegalStateException naming what to install when there is none
     */
    public static synchronized String interpreter() {
        if (interpreter == null) {
            interpreter = firstImportingRedis(List.of("/usr/bin/python3", "python3"));
        }
        return interpreter;
    }

    /** The first of the interpreters that imports {@code redis}; fails naming what to install when none does. */
    static String firstImportingRedis(List<String> candidates) {
        for (String candidate : candidates) {
            if (importsRedis(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(INSTALL);
    }

    /**
     * Runs one family of calls ({@code agents} or {@code sessions}) of the reproduction against the server.
     *
     * @param options e.g. {@code --clock-offset 40}
     * @return its answer: {@code results} (one per call) and {@code repository_calls}
     */
    public static JsonObject run(RedisServerExtension redis, String family, String spec, String... options) {
        return run(redis.port(), family, spec, options);
    }

    /** As {@link #run(RedisServerExtension, String, String, String...)}, on a redis-server by its port. */
    public static JsonObject run(int redisPort, String family, String spec, String... options) {
        List<String> command = new ArrayList<>(List.of(interpreter(), script("seed_services.py"),
                "--port", Integer.toString(redisPort)));
        command.addAll(List.of(options));
        command.add(family);
        command.add(spec);
        String out = execute(command);
        try (JsonReader reader = Json.createReader(new StringReader(out))) {
            return reader.readObject();
        }
    }

    /**
     * Runs calls of the reproduced {@code RedisCache} ({@code [["set", key, value, ttl], ["get", key], ...]}, read by
     * Python's {@code json.loads}, so {@code NaN} and {@code Infinity} may appear) on a namespace of the server.
     *
     * @return its answer: {@code results}, one per call (a non-finite float as {@code {"float": "nan"}})
     */
    public static JsonObject runCache(RedisServerExtension redis, String prefix, String calls) {
        String out = execute(List.of(interpreter(), script("seed_redis_cache.py"),
                "--port", Integer.toString(redis.port()), "--prefix", prefix, calls));
        try (JsonReader reader = Json.createReader(new StringReader(out))) {
            return reader.readObject();
        }
    }

    /** Runs a Python program ({@code python3 -c}) with arguments; its standard output. */
    public static String script(String program, String... args) {
        List<String> command = new ArrayList<>(List.of(interpreter(), "-c", program));
        command.addAll(List.of(args));
        return execute(command);
    }

    private static boolean importsRedis(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import redis").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String script(String name) {
        Path path = scripts().resolve(name);
        if (!Files.exists(path)) {
            throw new IllegalStateException("test resource python/" + name + " is not on the test classpath");
        }
        return path.toString();
    }

    private static synchronized Path scripts() {
        if (scripts == null) {
            try {
                Path dir = Files.createTempDirectory("seed-python");
                for (String name : SCRIPTS) {
                    // The module's tests have its script only; the service's have both.
                    try (InputStream in = PythonSeed.class.getResourceAsStream("/python/" + name)) {
                        if (in != null) {
                            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                            dir.resolve(name).toFile().deleteOnExit();
                        }
                    }
                }
                dir.toFile().deleteOnExit();
                scripts = dir;
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the Python scripts to a temporary folder", e);
            }
        }
        return scripts;
    }

    private static String execute(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("python3 timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("python3 failed (" + p.exitValue() + "): "
                        + new String(err.join(), StandardCharsets.UTF_8) + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(INSTALL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
