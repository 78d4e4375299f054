package dev.devcycle.jcache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script over binary keys and arguments, run with EVALSHA (only the digest travels) and sent once with EVAL
 * when Redis does not know it (after a restart, a failover or SCRIPT FLUSH). Every script here touches the one key it
 * is given, so it runs on any topology, cluster included.
 */
final class LuaScript {

    private final byte[] source;
    private final byte[] sha1;

    LuaScript(String source) {
        this.source = source.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(this.source);
            this.sha1 = HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }

    Object run(UnifiedJedis redis, byte[] key, byte[]... args) {
        List<byte[]> keys = List.of(key);
        List<byte[]> argList = List.of(args);
        try {
            return redis.evalsha(sha1, keys, argList);
        } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, argList);
        }
    }
}
