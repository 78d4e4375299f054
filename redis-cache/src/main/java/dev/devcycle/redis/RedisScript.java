package dev.devcycle.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run with EVALSHA, so only its digest travels per call. A Redis that does not know the script (after a
 * restart, a failover or SCRIPT FLUSH) answers NOSCRIPT; the script is then sent once with EVAL, which also caches it.
 *
 * <pre>{@code
 * static final RedisScript SET_IF_EQUAL = new RedisScript("""
 *         if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2]) end
 *         return false
 *         """);
 * Object reply = SET_IF_EQUAL.run(redis, List.of(key), List.of(expected, replacement));
 * }</pre>
 *
 * <p>Immutable and thread-safe: keep one instance per script in a constant. In Redis Cluster every key a script
 * touches must be in one slot (use a hash tag), as for any multi-key command.
 */
public final class RedisScript {

    private final String source;
    private final String sha1;
    private final byte[] sourceBytes;
    private final byte[] sha1Bytes;

    /** @param source the Lua text; its SHA-1 digest is computed once, here */
    public RedisScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
        this.sourceBytes = source.getBytes(StandardCharsets.UTF_8);
        this.sha1Bytes = sha1.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Runs the script: EVALSHA, and EVAL once when Redis answers NOSCRIPT.
     *
     * @return the script's reply as Jedis maps it (Long, String or byte[], List, null)
     * @throws redis.clients.jedis.exceptions.JedisException as any command does; a Lua error as a JedisDataException
     */
    public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, args);
        }
    }

    /**
     * Runs the script over one binary key and binary arguments (values that are not text, such as serialized
     * objects): EVALSHA, and EVAL once when Redis answers NOSCRIPT. A script of one key runs on every topology.
     *
     * @return the script's reply as Jedis maps it in binary form (Long, byte[], List, null)
     * @throws redis.clients.jedis.exceptions.JedisException as any command does; a Lua error as a JedisDataException
     */
    public Object run(UnifiedJedis redis, byte[] key, byte[]... args) {
        List<byte[]> keys = List.of(key);
        List<byte[]> argList = List.of(args);
        try {
            return redis.evalsha(sha1Bytes, keys, argList);
        } catch (JedisNoScriptException e) {
            return redis.eval(sourceBytes, keys, argList);
        }
    }

    /** Makes sure Redis knows the script, so {@link #sha1()} can be used where NOSCRIPT cannot be retried (pipelines). */
    public void load(UnifiedJedis redis) {
        redis.scriptLoad(source);
    }

    /** The SHA-1 digest of the source, hex, as EVALSHA takes it. */
    public String sha1() {
        return sha1;
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
