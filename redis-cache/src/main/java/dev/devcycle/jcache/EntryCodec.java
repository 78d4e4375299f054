package dev.devcycle.jcache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;

import javax.cache.CacheException;

/**
 * The bytes of keys and values in Redis: one tag byte, then the payload (docs/jcache.md, "Value encoding").
 *
 * <table>
 * <caption>Tags</caption>
 * <tr><td>{@code s}</td><td>{@link String}</td><td>UTF-8</td></tr>
 * <tr><td>{@code b}</td><td>{@code byte[]}</td><td>the bytes</td></tr>
 * <tr><td>{@code i l h y}</td><td>Integer, Long, Short, Byte</td><td>decimal ASCII</td></tr>
 * <tr><td>{@code d f}</td><td>Double, Float</td><td>{@code Double.toString} / {@code Float.toString}</td></tr>
 * <tr><td>{@code z}</td><td>Boolean</td><td>{@code 1} or {@code 0}</td></tr>
 * <tr><td>{@code c}</td><td>Character</td><td>decimal UTF-16 code unit</td></tr>
 * <tr><td>{@code n m}</td><td>BigInteger, BigDecimal</td><td>{@code toString()}</td></tr>
 * <tr><td>{@code u}</td><td>UUID</td><td>{@code toString()}</td></tr>
 * <tr><td>{@code t}</td><td>java.util.Date</td><td>epoch milliseconds, decimal</td></tr>
 * <tr><td>{@code j}</td><td>any other Serializable</td><td>a Java serialization stream, read back only through
 * {@link SerializationAllowlist}</td></tr>
 * </table>
 *
 * <p>Only the exact classes have a plain form (a {@code java.sql.Timestamp} is not a {@code Date} here), so a value
 * always comes back as the class it went in as. Because the bytes of a key are its identity in Redis, equal keys must
 * encode alike: true of the plain types, and of serialized keys whose classes serialize only what {@code equals}
 * compares (no hash-ordered collections inside a key).
 */
final class EntryCodec {

    static final String MSG_NOT_SERIALIZABLE = "JCache value of %s is neither a simple JDK type nor Serializable";
    static final String MSG_UNREADABLE = "JCache entry of cache '%s' in Redis cannot be read: %s";
    static final String MSG_REJECTED = "JCache entry of cache '%s' holds a serialized %s, which the cache's "
            + "deserialization allowlist does not allow (docs/jcache.md, jcache.serialization.allow)";

    private final String cacheName;
    private final ClassLoader classLoader;
    private final SerializationAllowlist allowlist;

    EntryCodec(String cacheName, ClassLoader classLoader, SerializationAllowlist allowlist) {
        this.cacheName = cacheName;
        this.classLoader = classLoader;
        this.allowlist = allowlist;
    }

    byte[] encode(Object value) {
        Class<?> type = value.getClass();
        if (type == String.class) {
            return tagged('s', ((String) value).getBytes(StandardCharsets.UTF_8));
        }
        if (type == byte[].class) {
            return tagged('b', (byte[]) value);
        }
        if (type == Long.class) {
            return text('l', value.toString());
        }
        if (type == Integer.class) {
            return text('i', value.toString());
        }
        if (type == Date.class) {
            return text('t', Long.toString(((Date) value).getTime()));
        }
        if (type == Boolean.class) {
            return text('z', (Boolean) value ? "1" : "0");
        }
        if (type == Double.class) {
            return text('d', value.toString());
        }
        if (type == Float.class) {
            return text('f', value.toString());
        }
        if (type == Short.class) {
            return text('h', value.toString());
        }
        if (type == Byte.class) {
            return text('y', value.toString());
        }
        if (type == Character.class) {
            return text('c', Integer.toString((Character) value));
        }
        if (type == BigInteger.class) {
            return text('n', value.toString());
        }
        if (type == BigDecimal.class) {
            return text('m', value.toString());
        }
        if (type == UUID.class) {
            return text('u', value.toString());
        }
        return serialize(value);
    }

    Object decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new CacheException(String.format(MSG_UNREADABLE, cacheName, "empty value"));
        }
        byte tag = bytes[0];
        try {
            return switch (tag) {
                case 's' -> new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
                case 'b' -> Arrays.copyOfRange(bytes, 1, bytes.length);
                case 'l' -> Long.valueOf(text(bytes));
                case 'i' -> Integer.valueOf(text(bytes));
                case 't' -> new Date(Long.parseLong(text(bytes)));
                case 'z' -> bool(bytes);
                case 'd' -> Double.valueOf(text(bytes));
                case 'f' -> Float.valueOf(text(bytes));
                case 'h' -> Short.valueOf(text(bytes));
                case 'y' -> Byte.valueOf(text(bytes));
                case 'c' -> character(bytes);
                case 'n' -> new BigInteger(text(bytes));
                case 'm' -> new BigDecimal(text(bytes));
                case 'u' -> UUID.fromString(text(bytes));
                case 'j' -> deserialize(bytes);
                default -> throw new CacheException(String.format(MSG_UNREADABLE, cacheName,
                        "unknown type tag 0x" + Integer.toHexString(tag & 0xff)));
            };
        } catch (IllegalArgumentException e) {
            // NumberFormatException included: another writer's bytes, never served half-decoded.
            throw new CacheException(String.format(MSG_UNREADABLE, cacheName, e), e);
        }
    }

    private static Boolean bool(byte[] bytes) {
        String text = text(bytes);
        if ("1".equals(text)) {
            return Boolean.TRUE;
        }
        if ("0".equals(text)) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("boolean '" + text + "'");
    }

    private static Character character(byte[] bytes) {
        int unit = Integer.parseInt(text(bytes));
        if (unit < Character.MIN_VALUE || unit > Character.MAX_VALUE) {
            throw new IllegalArgumentException("character " + unit);
        }
        return (char) unit;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, 1, bytes.length - 1, StandardCharsets.US_ASCII);
    }

    private static byte[] text(char tag, String text) {
        return tagged(tag, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] tagged(char tag, byte[] payload) {
        byte[] out = new byte[payload.length + 1];
        out[0] = (byte) tag;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        bytes.write('j');
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(String.format(MSG_NOT_SERIALIZABLE, value.getClass().getName()), e);
        } catch (IOException e) {
            throw new CacheException(String.format(MSG_NOT_SERIALIZABLE, value.getClass().getName()), e);
        }
        return bytes.toByteArray();
    }

    private Object deserialize(byte[] bytes) {
        SerializationAllowlist.Recorder filter = allowlist.recorder();
        try (ObjectInputStream in = new FilteredObjectInput(new ByteArrayInputStream(bytes, 1, bytes.length - 1),
                classLoader)) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            if (filter.rejected() != null) {
                throw new CacheException(String.format(MSG_REJECTED, cacheName, filter.rejected()), e);
            }
            throw new CacheException(String.format(MSG_UNREADABLE, cacheName, e), e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new CacheException(String.format(MSG_UNREADABLE, cacheName, e), e);
        }
    }

    /** Resolves classes in the cache manager's class loader (the application's, not the provider's). */
    private static final class FilteredObjectInput extends ObjectInputStream {

        private final ClassLoader loader;

        FilteredObjectInput(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                // initialize=false: a class is never initialised (static blocks run) merely by being named.
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
