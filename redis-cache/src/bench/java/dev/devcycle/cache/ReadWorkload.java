package dev.devcycle.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.devcycle.testsupport.RedisServerProcess;
import redis.clients.jedis.Jedis;

/**
 * The read workload every read-path benchmark shares (ours, the Redisson peers, and redis-py in
 * {@code src/bench/python/redis_py_read.py}): 1,000 keys, each holding the ~200-byte JSON of one agent load, written
 * once by this class with {@link ValueCodec} (so every reader decodes exactly the same bytes), read in a cycle.
 *
 * <p>Redis: an external server when {@value #PORT_PROPERTY} is set (the driver {@code src/bench/scripts/read-paths.sh}
 * starts one for all variants and loads the keys once with {@link #main}), otherwise a {@code redis-server} of the
 * benchmark's own.
 */
public final class ReadWorkload {

    /** System property: port of an external redis-server on {@value #HOST_PROPERTY} (default 127.0.0.1). */
    public static final String PORT_PROPERTY = "bench.redis.port";
    public static final String HOST_PROPERTY = "bench.redis.host";

    public static final int KEYS = 1000;
    /** The named cache of the declarative paths; its keys are {@code devcycle:bench:loads:<key>}. */
    public static final String CACHE_NAME = "bench:loads";
    /** The namespace of {@link RedisCache} over the same keys. */
    public static final String NAMESPACE = "devcycle:" + CACHE_NAME + ":";
    /** The hash behind Redisson's {@code RLocalCachedMap}: field {@code <key>}, the same JSON as the string keys. */
    public static final String HASH = "devcycle:bench:loads-map";

    /** Public so JSON-B and Jackson can read it; deep-immutable, so a near cache may share one instance. */
    public record Load(String agentId, String status, int currentTasks, int maxConcurrentTasks, int availableSlots,
                       Long responseTimeMs, String lastHeartbeat, String agentType, String version) {
    }

    private static final String[] KEY_NAMES = new String[KEYS];
    private static final String[] REDIS_KEYS = new String[KEYS];
    private static final String[] JSON = new String[KEYS];

    static {
        ValueCodec codec = new ValueCodec();
        for (int i = 0; i < KEYS; i++) {
            KEY_NAMES[i] = "agent-" + i;
            REDIS_KEYS[i] = NAMESPACE + KEY_NAMES[i];
            JSON[i] = codec.encode(load(i));
        }
    }

    private ReadWorkload() {
    }

    /** The value stored under key {@code i}. */
    public static Load load(int i) {
        return new Load("agent-" + i, "online", i % 5, 5, 5 - i % 5, 120L + i, "2026-11-25T19:00:00Z",
                "developer", "1.4.2");
    }

    /** Cache key {@code i} (without namespace), e.g. {@code agent-7}; also the hash field. */
    public static String key(int i) {
        return KEY_NAMES[i];
    }

    /** Redis key {@code i}: {@code devcycle:bench:loads:agent-7}. */
    public static String redisKey(int i) {
        return REDIS_KEYS[i];
    }

    /** The stored JSON of key {@code i}. */
    public static String json(int i) {
        return JSON[i];
    }

    /** A copy of the cache keys, for a benchmark's own array. */
    public static String[] keys() {
        return KEY_NAMES.clone();
    }

    /** A copy of the Redis keys. */
    public static String[] redisKeys() {
        return REDIS_KEYS.clone();
    }

    /**
     * Writes the keys and the hash (no expiry: a long run must not turn hits into misses) unless they already hold
     * exactly these bytes, e.g. because the driver loaded them. Returns whether it wrote.
     */
    public static boolean ensureLoaded(String host, int port) {
        try (Jedis jedis = new Jedis(host, port)) {
            if (loaded(jedis)) {
                return false;
            }
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i < KEYS; i++) {
                jedis.set(REDIS_KEYS[i], JSON[i]);
                fields.put(KEY_NAMES[i], JSON[i]);
            }
            jedis.del(HASH);
            jedis.hset(HASH, fields);
            if (!loaded(jedis)) {
                throw new IllegalStateException("keys not readable back after loading");
            }
            return true;
        }
    }

    private static boolean loaded(Jedis jedis) {
        List<String> values = jedis.mget(REDIS_KEYS);
        List<String> hashValues = jedis.hmget(HASH, KEY_NAMES);
        for (int i = 0; i < KEYS; i++) {
            if (!JSON[i].equals(values.get(i)) || !JSON[i].equals(hashValues.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The Redis of a benchmark trial: the external one of {@value #PORT_PROPERTY}, or a process of its own. */
    public static final class Server implements AutoCloseable {
        private final RedisServerProcess own;
        private final String host;
        private final int port;

        private Server(RedisServerProcess own, String host, int port) {
            this.own = own;
            this.host = host;
            this.port = port;
        }

        /** The external server if configured, otherwise a new one; the workload loaded in either case. */
        public static Server start() {
            String port = System.getProperty(PORT_PROPERTY, "");
            Server server;
            if (port.isBlank()) {
                RedisServerProcess process = RedisServerProcess.start();
                server = new Server(process, process.host(), process.port());
            } else {
                server = new Server(null, System.getProperty(HOST_PROPERTY, "127.0.0.1"), Integer.parseInt(port));
            }
            ensureLoaded(server.host, server.port);
            return server;
        }

        public String host() {
            return host;
        }

        public int port() {
            return port;
        }

        /** Stops the server if it is the benchmark's own; an external one is left running (and loaded). */
        @Override
        public void close() {
            if (own != null) {
                own.close();
            }
        }
    }

    /** Loads the workload into {@code host port} (the driver's server) and prints the value size. */
    public static void main(String[] args) {
        String host = args.length > 1 ? args[0] : "127.0.0.1";
        int port = Integer.parseInt(args.length > 1 ? args[1] : args[0]);
        boolean wrote = ensureLoaded(host, port);
        int total = 0;
        for (String json : JSON) {
            total += json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        System.out.printf("%s %d keys (%s*) and hash %s on %s:%d; mean value %d bytes, e.g. %s%n",
                wrote ? "loaded" : "already loaded", KEYS, NAMESPACE, HASH, host, port, total / KEYS, JSON[0]);
    }
}
