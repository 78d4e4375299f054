package dev.devcycle.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Counting and removing the keys that match a pattern, with SCAN and UNLINK in batches (never KEYS, which blocks
 * Redis for the whole scan), on the one server of a standalone or sentinel deployment and on every primary of a
 * cluster (SCAN only sees the node it runs on; replicas are skipped so nothing is counted twice).
 */
public final class KeySpace {

    /** SCAN COUNT hint and UNLINK batch size: large enough to be quick, small enough never to block Redis. */
    public static final int BATCH = 1000;

    private KeySpace() {
    }

    /**
     * The number of keys matching a SCAN pattern. SCAN may return a key more than once (while Redis resizes its
     * table, e.g. right after a mass delete), so keys are counted as a set, not by page sizes.
     */
    public static long count(UnifiedJedis redis, String match) {
        return keys(redis, match).size();
    }

    /** The keys matching a SCAN pattern, each once; for key sets that fit in memory (use {@link #unlink} to clear). */
    public static Set<String> keys(UnifiedJedis redis, String match) {
        Set<String> seen = new HashSet<>();
        if (redis instanceof RedisClusterClient cluster) {
            forEachPrimary(cluster, node -> scan(node, match, seen::addAll));
        } else {
            scanClient(redis, match, seen::addAll);
        }
        return seen;
    }

    /**
     * Removes every key matching a SCAN pattern.
     *
     * @param progress told how many keys each batch removed, so a caller keeps the count if a later batch fails
     * @return the number of keys removed
     */
    public static long unlink(UnifiedJedis redis, String match, LongConsumer progress) {
        return unlink(redis, match, key -> true, progress);
    }

    /**
     * Removes every key matching a SCAN pattern that the filter accepts (e.g. all of a cache but its own bookkeeping).
     *
     * @param progress told how many keys each batch removed, so a caller keeps the count if a later batch fails
     * @return the number of keys removed
     */
    public static long unlink(UnifiedJedis redis, String match, Predicate<String> filter, LongConsumer progress) {
        long[] removed = {0};
        if (!(redis instanceof RedisClusterClient cluster)) {
            scanClient(redis, match, page -> {
                String[] keys = page.stream().filter(filter).toArray(String[]::new);
                if (keys.length > 0) {
                    long n = redis.unlink(keys);
                    removed[0] += n;
                    progress.accept(n);
                }
            });
            return removed[0];
        }
        forEachPrimary(cluster, node -> scan(node, match, page -> {
            List<String> keys = page.stream().filter(filter).toList();
            // Keys of one node can be in different slots: multi-key UNLINK would fail with CROSSSLOT.
            Pipeline pipeline = node.pipelined();
            List<Response<Long>> replies = new ArrayList<>(keys.size());
            for (String key : keys) {
                replies.add(pipeline.unlink(key));
            }
            pipeline.sync();
            long n = replies.stream().mapToLong(Response::get).sum();
            removed[0] += n;
            progress.accept(n);
        }));
        return removed[0];
    }

    /** A consumer of one SCAN page of keys. */
    @FunctionalInterface
    private interface Batch {
        void accept(List<String> keys);
    }

    /** Work on one node's connection. */
    @FunctionalInterface
    private interface NodeWork {
        void run(Jedis node);
    }

    private static void forEachPrimary(RedisClusterClient cluster, NodeWork work) {
        for (Map.Entry<String, ConnectionPool> node : cluster.getClusterNodes().entrySet()) {
            try (Jedis jedis = new Jedis(node.getValue().getResource())) {
                if (isPrimary(jedis)) {
                    work.run(jedis);
                }
            }
        }
    }

    /** Whether a cluster node is a primary now (ROLE), so SCAN-based work skips replicas. */
    public static boolean isPrimary(Jedis node) {
        List<Object> role = node.role();
        Object kind = role.isEmpty() ? null : role.get(0);
        String text = kind instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(kind);
        return "master".equals(text);
    }

    private static void scan(Jedis node, String match, Batch batch) {
        ScanParams params = new ScanParams().match(match).count(BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = node.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                batch.accept(page.getResult());
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    private static void scanClient(UnifiedJedis redis, String match, Batch batch) {
        ScanParams params = new ScanParams().match(match).count(BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                batch.accept(page.getResult());
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }
}
