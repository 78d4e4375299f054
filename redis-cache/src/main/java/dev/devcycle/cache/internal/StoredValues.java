package dev.devcycle.cache.internal;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.devcycle.cache.UndecodableValueException;
import dev.devcycle.cache.ValueCodec;
import dev.devcycle.cache.internal.near.ImmutableTypes;
import dev.devcycle.redis.FailureLog;

/**
 * The one way a value becomes the text stored in Redis and back, for {@code RedisCache} and the declarative caches:
 * the codec ({@link ValueCodec}: a {@code String} raw, anything else JSON), the size limit, compression
 * ({@link ValueCompression}, for caches that opt in) and, for the declarative caches, the negative marker (a cached
 * {@code null}). A value that cannot be encoded or is too large is not stored; a stored text that cannot be read
 * fully as the requested type is {@link #UNREADABLE}. Both are logged without flooding.
 *
 * <p>{@link #decode} is the single place a stored text is read: every reader of a cache goes through it.
 */
public final class StoredValues {

    /** The stored form of a cached null: what JSON-B and Python's json write for null/None. */
    public static final String NEGATIVE = "null";
    /** What {@link #decode} returns for a text that is not a value of the type. */
    public static final Object UNREADABLE = new Object();

    /** Texts of more characters than this are decoded on every read (see {@link #lastDecoded}). */
    static final int MEMO_MAX_TEXT = 16 * 1024;
    /** The characters of text {@link #lastDecoded} holds at most, per instance: ≈ 1 MB of texts, and their values. */
    static final long MEMO_BUDGET = 1 << 20;

    private final ValueCodec codec;
    private final long maxValueBytes;
    private final ValueCompression compression;
    private final FailureLog failures;
    /**
     * The last decode of each key whose type is deep-immutable ({@link ImmutableTypes}: records of strings, numbers,
     * enums, java.time values ...): a read whose stored text is the text decoded last time gets that value again
     * instead of parsing the text anew — after the round trip, the largest cost of a hit (docs/benchmarks.md). Checked
     * on every read against the whole stored text and the type, so it never answers anything but what a decode of
     * the stored text would; sharing the value is safe because nothing in it can be changed. Bounded by
     * {@link #MEMO_BUDGET} characters of text (Caffeine, least recently/frequently used out first); shared by the
     * instances {@link #withCompression} derives.
     */
    private final Cache<String, Decoded> lastDecoded;

    private record Decoded(String text, Type type, Object value) {
    }

    /**
     * @param maxValueBytes the largest encoded value stored, in UTF-8 bytes
     * @param failures      where refused values and unreadable entries are reported
     */
    public StoredValues(ValueCodec codec, long maxValueBytes, FailureLog failures) {
        this(codec, maxValueBytes, ValueCompression.off(), failures, Caffeine.newBuilder()
                .maximumWeight(MEMO_BUDGET)
                .weigher((String key, Decoded decoded) -> key.length() + decoded.text().length())
                .build());
    }

    private StoredValues(ValueCodec codec, long maxValueBytes, ValueCompression compression, FailureLog failures,
            Cache<String, Decoded> lastDecoded) {
        this.codec = codec;
        this.maxValueBytes = maxValueBytes;
        this.compression = compression;
        this.failures = failures;
        this.lastDecoded = lastDecoded;
    }

    /** The same pipeline, storing encoded values above this many bytes Zstandard-compressed (0: never). */
    public StoredValues withCompression(int thresholdBytes) {
        return new StoredValues(codec, maxValueBytes, new ValueCompression(thresholdBytes), failures, lastDecoded);
    }

    /** The largest encoded value, in bytes, that is stored. */
    public long maxValueBytes() {
        return maxValueBytes;
    }

    /**
     * The stored text of a non-null value, or {@code null} when it must not be stored (it cannot be written as JSON
     * or is larger than the limit; reported under the key).
     */
    public String encode(String redisKey, Object value) {
        String encoded;
        try {
            encoded = codec.encode(value);
        } catch (UndecodableValueException e) {
            failures.failure("encode", redisKey, e);
            return null;
        }
        if (encoded.length() * 3L > maxValueBytes) {
            long bytes = encoded.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxValueBytes) {
                failures.failure("store", redisKey, new IllegalArgumentException(
                        "value of " + bytes + " bytes exceeds the limit of " + maxValueBytes));
                return null;
            }
        }
        return compression.compress(encoded);
    }

    /**
     * The stored text of a declarative cache's entry: a {@code null} value is the negative marker when negative
     * entries are kept, else not stored; the text {@code "null"} is never stored (it would read back as a cached
     * null).
     *
     * @return the text, or {@code null} when nothing is to be stored
     */
    public String encodeEntry(String redisKey, Object value, boolean keepNegative) {
        if (value == null) {
            return keepNegative ? NEGATIVE : null;
        }
        if (NEGATIVE.equals(value)) {
            return null;
        }
        return encode(redisKey, value);
    }

    /**
     * Reads a declarative cache's entry: the negative marker is a cached {@code null} for a caller that accepts one,
     * and unusable (to be replaced) for one that does not; anything else as {@link #decode}.
     *
     * @return the value (possibly {@code null}), or {@link #UNREADABLE}
     */
    public Object decodeEntry(String redisKey, String stored, java.lang.reflect.Type type, boolean acceptNegative) {
        if (isNegative(stored)) {
            return acceptNegative ? null : UNREADABLE;
        }
        return decode(redisKey, stored, type);
    }

    /** Whether a stored text is a declarative cache's negative entry. */
    public static boolean isNegative(String stored) {
        return NEGATIVE.equals(stored);
    }

    /**
     * Reads a stored text as a (possibly generic, possibly primitive) type: decompressed when it carries the marker
     * (whatever this cache's setting, so turning compression off never makes entries unreadable), then decoded.
     *
     * @return the value (possibly {@code null}), or {@link #UNREADABLE} when the text cannot be read as the type
     *         (written by another version or service in another shape; reported under the key)
     */
    public Object decode(String redisKey, String stored, Type type) {
        Type target = boxed(type);
        boolean memo = target != String.class && stored.length() <= MEMO_MAX_TEXT
                && ImmutableTypes.isDeeplyImmutable(target);
        if (memo) {
            Decoded last = lastDecoded.getIfPresent(redisKey);
            if (last != null && last.text().equals(stored) && last.type().equals(target)) {
                return last.value();
            }
        }
        try {
            Object value = codec.decode(ValueCompression.decompress(stored), target);
            if (memo) {
                lastDecoded.put(redisKey, new Decoded(stored, target, value));
            }
            return value;
        } catch (UndecodableValueException e) {
            failures.failure("decode", redisKey, e);
            return UNREADABLE;
        }
    }

    /** For tests: the keys whose last decode is kept. */
    Set<String> memoizedKeys() {
        return Set.copyOf(lastDecoded.asMap().keySet());
    }

    static Type boxed(Type type) {
        if (!(type instanceof Class<?> c) || !c.isPrimitive()) {
            return type;
        }
        return switch (c.getName()) {
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            case "byte" -> Byte.class;
            case "short" -> Short.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "float" -> Float.class;
            case "double" -> Double.class;
            default -> type;
        };
    }
}
