package dev.devcycle.testsupport;

import java.io.File;

/** Finds redis-server, failing with what to install when it is missing (tests never skip silently). */
final class RedisBinaries {

    private RedisBinaries() {
    }

    static String server() {
        String override = System.getenv("REDIS_SERVER_BIN");
        if (override != null && !override.isBlank()) {
            return override;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/local/bin").split(File.pathSeparator)) {
            File candidate = new File(dir, "redis-server");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        throw new IllegalStateException("redis-server not found on PATH: install it (apt-get install -y redis-server)"
                + " or set REDIS_SERVER_BIN");
    }
}
