package dev.devcycle.jcache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.cache.CacheException;

import dev.devcycle.redis.KeySpace;
import dev.devcycle.redis.RedisScript;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis commands of one cache, each one round trip, over the module's pooled client (its latency budget and
 * circuit breaker under every command). A Redis failure becomes a {@link CacheException} naming the operation, the
 * cache and the cause, within the budget: unlike RedisCache's fail-open, a JCache caller (a session manager, a
 * second-level cache) must learn that the store did not take its write (docs/jcache.md, "Failure behaviour").
 *
 * <p>TTL arguments are {@link ExpiryRules} codes.
 */
final class EntryStore {

    static final String MSG_REDIS_FAILED = "Redis failed during %s on JCache cache '%s': %s";

    /** Store with the creation or the update TTL, whichever applies; returns {0} created, {1, old} updated, {3} not stored. */
    private static final RedisScript PUT = new RedisScript("""
            local old = redis.call('GET', KEYS[1])
            if old then
              local u = tonumber(ARGV[3])
              if u == 0 then redis.call('DEL', KEYS[1])
              elseif u == -2 then redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
              elseif u == -1 then redis.call('SET', KEYS[1], ARGV[1])
              else redis.call('SET', KEYS[1], ARGV[1], 'PX', u) end
              if ARGV[4] == '1' then return {1, old} end
              return {1}
            end
            local c = tonumber(ARGV[2])
            if c == 0 then return {3} end
            if c == -1 then redis.call('SET', KEYS[1], ARGV[1]) else redis.call('SET', KEYS[1], ARGV[1], 'PX', c) end
            return {0}
            """);

    /**
     * Compare-and-set on the value's bytes: ARGV[1] 'a' expects no entry, 'v' expects ARGV[2]; then ARGV[3] 's' sets
     * ARGV[4] with TTL code ARGV[5], 'd' deletes, 'e' applies TTL code ARGV[5]. Returns 1, or 0 if the entry changed.
     */
    private static final RedisScript CAS = new RedisScript("""
            local cur = redis.call('GET', KEYS[1])
            if ARGV[1] == 'a' then
              if cur then return 0 end
            elseif cur ~= ARGV[2] then return 0 end
            local act = ARGV[3]
            local t = tonumber(ARGV[5])
            if act == 's' then
              if t == 0 then redis.call('DEL', KEYS[1])
              elseif t == -2 then redis.call('SET', KEYS[1], ARGV[4], 'KEEPTTL')
              elseif t == -1 then redis.call('SET', KEYS[1], ARGV[4])
              else redis.call('SET', KEYS[1], ARGV[4], 'PX', t) end
            elseif act == 'd' then redis.call('DEL', KEYS[1])
            elseif act == 'e' then
              if t == 0 then redis.call('DEL', KEYS[1])
              elseif t == -1 then redis.call('PERSIST', KEYS[1])
              elseif t > 0 then redis.call('PEXPIRE', KEYS[1], t) end
            end
            return 1
            """);

    /**
     * Replace or remove if the bytes equal ARGV[1]: ARGV[2] 's' sets ARGV[3] with update TTL ARGV[4], 'd' deletes; on a
     * mismatch the access TTL ARGV[5] applies. Returns {0} absent, {1} done, {2, current} mismatch.
     */
    private static final RedisScript IF_EQUALS = new RedisScript("""
            local cur = redis.call('GET', KEYS[1])
            if not cur then return {0} end
            if cur == ARGV[1] then
              if ARGV[2] == 'd' then redis.call('DEL', KEYS[1]) return {1} end
              local u = tonumber(ARGV[4])
              if u == 0 then redis.call('DEL', KEYS[1])
              elseif u == -2 then redis.call('SET', KEYS[1], ARGV[3], 'KEEPTTL')
              elseif u == -1 then redis.call('SET', KEYS[1], ARGV[3])
              else redis.call('SET', KEYS[1], ARGV[3], 'PX', u) end
              return {1}
            end
            local a = tonumber(ARGV[5])
            if a == 0 then redis.call('DEL', KEYS[1])
            elseif a == -1 then redis.call('PERSIST', KEYS[1])
            elseif a > 0 then redis.call('PEXPIRE', KEYS[1], a) end
            return {2, cur}
            """);

    private static final byte[] EMPTY = new byte[0];

    private final UnifiedJedis redis;
    private final String cacheName;
    private final KeyLayout layout;

    EntryStore(UnifiedJedis redis, String cacheName, KeyLayout layout) {
        this.redis = redis;
        this.cacheName = cacheName;
        this.layout = layout;
    }

    KeyLayout layout() {
        return layout;
    }

    UnifiedJedis redis() {
        return redis;
    }

    /** Outcome of {@link #put}. */
    record PutOutcome(int status, byte[] old) {
        static final int CREATED = 0;
        static final int UPDATED = 1;
        static final int NOT_STORED = 3;
    }

    /** Outcome of {@link #ifEquals}. */
    record CompareOutcome(int status, byte[] current) {
        static final int ABSENT = 0;
        static final int DONE = 1;
        static final int MISMATCH = 2;
    }

    byte[] get(byte[] key) {
        return call("get", () -> redis.get(key));
    }

    /** GET that also applies the access TTL in the same command (GETEX / GETDEL). */
    byte[] getWithAccess(byte[] key, long access) {
        if (access == ExpiryRules.KEEP) {
            return get(key);
        }
        if (access == ExpiryRules.NOW) {
            return call("get", () -> redis.getDel(key));
        }
        GetExParams params = access == ExpiryRules.ETERNAL ? new GetExParams().persist()
                : new GetExParams().px(access);
        return call("get", () -> redis.getEx(key, params));
    }

    List<byte[]> getAll(List<byte[]> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        if (!(redis instanceof RedisClusterClient)) {
            return call("getAll", () -> redis.mget(keys.toArray(byte[][]::new)));
        }
        // Keys of a cache are in many slots: one GET each.
        List<byte[]> values = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            values.add(get(key));
        }
        return values;
    }

    boolean exists(byte[] key) {
        return call("containsKey", () -> redis.exists(key));
    }

    void applyTtl(byte[] key, long code) {
        if (code == ExpiryRules.KEEP) {
            return;
        }
        call("expiry", () -> {
            if (code == ExpiryRules.NOW) {
                return redis.del(key);
            }
            if (code == ExpiryRules.ETERNAL) {
                return redis.persist(key);
            }
            return redis.pexpire(key, code);
        });
    }

    /** SET with one TTL whatever the entry's presence; the old value if asked (SET ... GET). */
    byte[] set(byte[] key, byte[] value, long ttl, boolean wantOld) {
        SetParams params = new SetParams();
        if (ttl > 0) {
            params.px(ttl);
        }
        if (wantOld) {
            return call("put", () -> redis.setGet(key, value, params));
        }
        call("put", () -> redis.set(key, value, params));
        return null;
    }

    PutOutcome put(byte[] key, byte[] value, long creation, long update, boolean wantOld) {
        List<?> reply = (List<?>) call("put", () -> PUT.run(redis, key, value, code(creation), code(update),
                wantOld ? one() : zero()));
        int status = ((Long) reply.get(0)).intValue();
        return new PutOutcome(status, reply.size() > 1 ? (byte[]) reply.get(1) : null);
    }

    /** SET NX with the creation TTL; false if an entry exists. */
    boolean setIfAbsent(byte[] key, byte[] value, long creation) {
        SetParams params = new SetParams().nx();
        if (creation > 0) {
            params.px(creation);
        }
        return "OK".equals(call("putIfAbsent", () -> redis.set(key, value, params)));
    }

    byte[] getAndDelete(byte[] key) {
        return call("remove", () -> redis.getDel(key));
    }

    boolean delete(byte[] key) {
        return call("remove", () -> redis.del(key)) > 0;
    }

    /** Replace (newValue non-null) or remove (newValue null) if the stored bytes equal {@code expected}. */
    CompareOutcome ifEquals(byte[] key, byte[] expected, byte[] newValue, long update, long access) {
        List<?> reply = (List<?>) call(newValue == null ? "remove" : "replace", () -> IF_EQUALS.run(redis, key,
                expected, newValue == null ? bytes("d") : bytes("s"), newValue == null ? EMPTY : newValue,
                code(update), code(access)));
        int status = ((Long) reply.get(0)).intValue();
        return new CompareOutcome(status, reply.size() > 1 ? (byte[]) reply.get(1) : null);
    }

    /** The compare-and-set actions. */
    enum Action { SET, DELETE, EXPIRE }

    /**
     * Applies an action if the entry is still what was read ({@code expected} null: absent).
     *
     * @return false if another writer changed the entry meanwhile
     */
    boolean compareAndSet(byte[] key, byte[] expected, Action action, byte[] value, long ttl) {
        String op = switch (action) {
            case SET -> "put";
            case DELETE -> "remove";
            case EXPIRE -> "expiry";
        };
        Object reply = call(op, () -> CAS.run(redis, key, expected == null ? bytes("a") : bytes("v"),
                expected == null ? EMPTY : expected, bytes(switch (action) {
                    case SET -> "s";
                    case DELETE -> "d";
                    case EXPIRE -> "e";
                }), value == null ? EMPTY : value, code(ttl)));
        return Long.valueOf(1).equals(reply);
    }

    /** Removes the given Redis keys for an operation (named in errors); returns how many existed. */
    long unlink(String operation, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        if (!(redis instanceof RedisClusterClient)) {
            return call(operation, () -> redis.unlink(keys.toArray(byte[][]::new)));
        }
        long n = 0;
        for (byte[] key : keys) {
            n += call(operation, () -> redis.unlink(key));
        }
        return n;
    }

    /** A SCAN over every entry of the cache, page by page, on the server or on each cluster primary. */
    KeyScan scan() {
        return new KeyScan();
    }

    /** One SCAN page: the Redis keys and, when asked for, their values (null where removed meanwhile). */
    record Page(List<byte[]> keys, List<byte[]> values) {
    }

    /**
     * SCAN cursors over the cache's key pattern. No connection is held between pages, so an iterator abandoned half
     * way costs nothing; SCAN may return a key twice (while Redis rehashes) and never blocks Redis as KEYS would. On
     * a cluster each primary is scanned in turn, and a page's values are read on the same node in one pipeline.
     */
    final class KeyScan {

        private static final int COUNT = 500;

        private final ScanParams params = new ScanParams().match(layout.scanPattern()).count(COUNT);
        private final List<String> nodes;
        private int node;
        private boolean nodeIsPrimary;
        private byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        private boolean done;

        KeyScan() {
            if (redis instanceof RedisClusterClient cluster) {
                nodes = new ArrayList<>(call("scan", () -> cluster.getClusterNodes().keySet()));
                done = nodes.isEmpty();
            } else {
                nodes = null;
            }
        }

        boolean done() {
            return done;
        }

        /** The next page of Redis keys (possibly empty while not done). */
        List<byte[]> next() {
            return page(false).keys();
        }

        /** The next page with the values of its keys. */
        Page nextWithValues() {
            return page(true);
        }

        private Page page(boolean withValues) {
            if (done) {
                return new Page(List.of(), List.of());
            }
            Page page = call("scan", () -> nodes == null ? scanServer(withValues) : scanNode(withValues));
            if (Arrays.equals(cursor, ScanParams.SCAN_POINTER_START_BINARY)) {
                if (nodes == null || ++node >= nodes.size()) {
                    done = true;
                }
                nodeIsPrimary = false;
            }
            return page;
        }

        private Page scanServer(boolean withValues) {
            ScanResult<byte[]> result = redis.scan(cursor, params);
            cursor = result.getCursorAsBytes();
            List<byte[]> keys = result.getResult();
            return new Page(keys, withValues ? getAll(keys) : null);
        }

        private Page scanNode(boolean withValues) {
            Map<String, ConnectionPool> pools = ((RedisClusterClient) redis).getClusterNodes();
            while (node < nodes.size()) {
                ConnectionPool pool = pools.get(nodes.get(node));
                if (pool != null) {
                    try (Jedis jedis = new Jedis(pool.getResource())) {
                        if (nodeIsPrimary || KeySpace.isPrimary(jedis)) {
                            nodeIsPrimary = true;
                            ScanResult<byte[]> result = jedis.scan(cursor, params);
                            cursor = result.getCursorAsBytes();
                            List<byte[]> keys = result.getResult();
                            return new Page(keys, withValues ? valuesOnNode(jedis, keys) : null);
                        }
                    }
                }
                node++;
                nodeIsPrimary = false;
                cursor = ScanParams.SCAN_POINTER_START_BINARY;
            }
            done = true;
            return new Page(List.of(), List.of());
        }

        /** GETs pipelined on the node that answered the SCAN; a key moved meanwhile is read through the cluster. */
        private List<byte[]> valuesOnNode(Jedis jedis, List<byte[]> keys) {
            Pipeline pipeline = jedis.pipelined();
            List<Response<byte[]>> replies = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                replies.add(pipeline.get(key));
            }
            pipeline.sync();
            List<byte[]> values = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                try {
                    values.add(replies.get(i).get());
                } catch (JedisDataException e) {
                    // MOVED/ASK during a resharding: ask the cluster, which follows the redirect.
                    values.add(redis.get(keys.get(i)));
                }
            }
            return values;
        }
    }

    <T> T call(String operation, Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new CacheException(String.format(MSG_REDIS_FAILED, operation, cacheName, describe(e)), e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        if (cause != null && cause != e && cause.getMessage() != null) {
            text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return text;
    }

    private static byte[] code(long ttl) {
        return Long.toString(ttl).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] one() {
        return bytes("1");
    }

    private static byte[] zero() {
        return bytes("0");
    }
}
