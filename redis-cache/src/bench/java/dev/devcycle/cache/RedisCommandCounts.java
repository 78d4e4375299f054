package dev.devcycle.cache;

import java.util.Map;
import java.util.TreeMap;

import redis.clients.jedis.Jedis;

/**
 * Calls per command from {@code INFO commandstats}: read before and after a measurement, the difference proves a
 * local-cache variant hit locally (no read command reached Redis), instead of inferring it from its speed.
 */
final class RedisCommandCounts {

    /** The commands a cache read can send: any of them during a local-hit trial means a miss. */
    static final String[] READS = {"get", "mget", "getex", "hget", "hmget", "hgetall", "exists"};

    private final Map<String, Long> calls;

    private RedisCommandCounts(Map<String, Long> calls) {
        this.calls = calls;
    }

    static RedisCommandCounts read(String host, int port) {
        try (Jedis jedis = new Jedis(host, port)) {
            Map<String, Long> calls = new TreeMap<>();
            for (String line : jedis.info("commandstats").split("\r?\n")) {
                // cmdstat_get:calls=1000,usec=...
                if (line.startsWith("cmdstat_")) {
                    String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                    String rest = line.substring(line.indexOf("calls=") + "calls=".length());
                    calls.put(name, Long.parseLong(rest.substring(0, rest.indexOf(','))));
                }
            }
            return new RedisCommandCounts(calls);
        }
    }

    /** Calls of each command since {@code before}, the commands with none left out. */
    Map<String, Long> since(RedisCommandCounts before) {
        Map<String, Long> delta = new TreeMap<>();
        calls.forEach((name, n) -> {
            long d = n - before.calls.getOrDefault(name, 0L);
            if (d != 0) {
                delta.put(name, d);
            }
        });
        return delta;
    }

    /** Read commands since {@code before}. */
    long readsSince(RedisCommandCounts before) {
        Map<String, Long> delta = since(before);
        long n = 0;
        for (String read : READS) {
            n += delta.getOrDefault(read, 0L);
        }
        return n;
    }

    /**
     * Ends a local-hit trial: prints what reached Redis since {@code before} (the INFO call of this check included)
     * and fails the trial when any read command did, so a variant that missed never passes for a local hit.
     */
    static void assertNoReads(String variant, String host, int port, RedisCommandCounts before) {
        RedisCommandCounts after = read(host, port);
        long reads = after.readsSince(before);
        System.out.println("[local-hit check] " + variant + ": read commands that reached Redis: "
                + reads + " (all commands meanwhile: " + after.since(before) + ")");
        if (reads != 0) {
            throw new IllegalStateException(variant + " is not a local hit: " + reads + " read commands reached Redis");
        }
    }
}
