package dev.devcycle.cache.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import com.github.luben.zstd.Zstd;

import dev.devcycle.cache.UndecodableValueException;

/**
 * Zstandard compression of large stored values, for caches that opt in ({@code cache.<name>.compress-above}).
 *
 * <p>A compressed value is stored as {@value #MARKER_TEXT} followed by the Base64 of the Zstandard frame of the UTF-8
 * text. Base64 keeps values text, so the Lua scripts, MGET and every reader of the String API stay as they are; it
 * costs a third of the gain. The marker starts with a NUL character, which neither JSON nor the Python services' raw strings
 * begin with, so a reader tells the two forms apart; a value without it is read as before. The original Python services
 * cannot read compressed values: keep compression off in namespaces they share.
 *
 * <p>zstd-jni is an optional dependency of the module: an application that turns compression on adds it
 * ({@link #unavailableReason()} is checked when such a cache is created). Without it, a compressed entry (written by
 * another instance) reads as undecodable, a miss.
 */
final class ValueCompression {

    static final String MARKER_TEXT = "\\0zstd:";
    static final String MARKER = "\u0000zstd:";
    /** Fast level: compression runs on the caller's thread at each store. */
    private static final int LEVEL = 3;
    /** A decompressed value larger than this is refused (a corrupt or hostile frame). */
    private static final long MAX_DECOMPRESSED = 64L * 1024 * 1024;

    private final int threshold;

    static final String ZSTD_CLASS = "com.github.luben.zstd.Zstd";

    /** @param threshold compress encoded values of more than this many bytes; 0 = never */
    ValueCompression(int threshold) {
        this.threshold = threshold;
    }

    static ValueCompression off() {
        return new ValueCompression(0);
    }

    /** Why compression cannot run in this application (zstd-jni or its native library missing), if it cannot. */
    static Optional<String> unavailableReason() {
        return unavailableReason(ZSTD_CLASS);
    }

    static Optional<String> unavailableReason(String zstdClass) {
        try {
            Class.forName(zstdClass, true, ValueCompression.class.getClassLoader());
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("needs zstd-jni (com.github.luben:zstd-jni) on the application's classpath, which "
                    + "is missing or cannot load its native library (" + e + "): add the dependency or remove the "
                    + "setting");
        }
    }

    boolean enabled() {
        return threshold > 0;
    }

    /** The stored form of an encoded value: compressed when above the threshold and smaller that way. */
    String compress(String encoded) {
        if (threshold <= 0 || encoded.length() <= threshold / 3) {
            return encoded;
        }
        byte[] bytes = encoded.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= threshold) {
            return encoded;
        }
        String packed = MARKER + Base64.getEncoder().encodeToString(Zstd.compress(bytes, LEVEL));
        return packed.length() < bytes.length ? packed : encoded;
    }

    /**
     * The encoded value of a stored one (decompressed when it carries the marker), whatever this cache's setting,
     * so turning compression off never makes existing entries unreadable.
     *
     * @throws UndecodableValueException for a marked value that is not a valid frame
     */
    static String decompress(String stored) {
        if (stored.isEmpty() || stored.charAt(0) != '\u0000' || !stored.startsWith(MARKER)) {
            return stored;
        }
        try {
            byte[] frame = Base64.getDecoder().decode(stored.substring(MARKER.length()));
            long size = Zstd.getFrameContentSize(frame);
            if (size < 0 || size > MAX_DECOMPRESSED) {
                throw new IllegalArgumentException("frame content size " + size);
            }
            return new String(Zstd.decompress(frame, (int) size), StandardCharsets.UTF_8);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: zstd-jni absent from this application, which then cannot read another's compressed value.
            throw new UndecodableValueException("compressed value cannot be decompressed: " + e, e);
        }
    }
}
