package dev.devcycle.jcache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a cache's entries live in Redis: {@code jcache:<namespace>:<cache>:<encoded key>}, the namespace being the
 * cache manager's ({@code jcache.namespace}, by default derived from its URI). Both names are percent-encoded outside
 * {@code [A-Za-z0-9._~-]}, so a name can never reach into another cache's keys ({@code a:b} + {@code c} and
 * {@code a} + {@code b:c} differ), never holds a SCAN glob character, and never holds a brace that would make Redis
 * Cluster put a whole cache into one hash slot. The encoded key ({@link EntryCodec}) follows as it is: entries are
 * spread over the cluster by their own key, and every script touches one entry's key only.
 */
final class KeyLayout {

    /** The namespace of the module's JCache provider, apart from RedisCache's {@code devcycle:cache:} and others. */
    static final String ROOT = "jcache:";

    private final byte[] prefix;
    private final int prefixLength;

    KeyLayout(String namespace, String cacheName) {
        this.prefix = (ROOT + escape(namespace) + ":" + escape(cacheName) + ":").getBytes(StandardCharsets.US_ASCII);
        this.prefixLength = prefix.length;
    }

    /** The Redis key of an encoded cache key. */
    byte[] redisKey(byte[] encodedKey) {
        byte[] key = Arrays.copyOf(prefix, prefixLength + encodedKey.length);
        System.arraycopy(encodedKey, 0, key, prefixLength, encodedKey.length);
        return key;
    }

    /** The encoded cache key of a Redis key of this cache. */
    byte[] encodedKey(byte[] redisKey) {
        return Arrays.copyOfRange(redisKey, prefixLength, redisKey.length);
    }

    boolean owns(byte[] redisKey) {
        return redisKey.length >= prefixLength && Arrays.equals(redisKey, 0, prefixLength, prefix, 0, prefixLength);
    }

    /** The SCAN pattern of every entry of the cache; the prefix holds no glob character (see {@link #escape}). */
    byte[] scanPattern() {
        byte[] pattern = Arrays.copyOf(prefix, prefixLength + 1);
        pattern[prefixLength] = '*';
        return pattern;
    }

    String prefix() {
        return new String(prefix, StandardCharsets.US_ASCII);
    }

    /** Percent-encoding of the UTF-8 bytes outside {@code [A-Za-z0-9._~-]}. */
    static String escape(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '~' || c == '-') {
                out.write(c);
            } else {
                out.write('%');
                out.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
