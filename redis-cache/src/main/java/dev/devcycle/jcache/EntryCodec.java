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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
 * <tr><td>{@code a e o}</td><td>ArrayList, TreeSet (natural order), HashSet of the types above (and of these
 * three), nulls in the lists</td><td>the elements, each as its length + 1 (0 for null) in an unsigned LEB128 varint
 * and its own tagged bytes</td></tr>
 * <tr><td>{@code j}</td><td>any other Serializable</td><td>a Java serialization stream, read back only through
 * {@link SerializationAllowlist}</td></tr>
 * </table>
 *
 * <p>The collection tags exist for Liberty's session meta entry (an {@code ArrayList} of two {@code Long}s, an
 * {@code Integer}, a {@code Short}, a {@code String} and a {@code TreeSet} of attribute names), read three times and
 * compared three times per request: as a Java serialization stream it was 321 bytes and about a quarter of the
 * request's CPU (docs/benchmarks.md, HTTP sessions). Written by hand because no library on the provider's class path
 * encodes JDK collections compactly and reads back exactly these classes without Java serialization.
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
        byte[] collection = collection(value, 0);
        return collection != null ? collection : serialize(value);
    }

    /** Nesting of collections in the compact form; deeper ones are serialized (and read back with the JEP 290 limit). */
    private static final int MAX_DEPTH = 16;

    /** The compact form of an ArrayList, a naturally ordered TreeSet or a HashSet of plain values; null if it has none. */
    private byte[] collection(Object value, int depth) {
        char tag;
        if (value.getClass() == ArrayList.class) {
            tag = 'a';
        } else if (value.getClass() == TreeSet.class && ((TreeSet<?>) value).comparator() == null) {
            tag = 'e';
        } else if (value.getClass() == HashSet.class) {
            tag = 'o';
        } else {
            return null;
        }
        if (depth >= MAX_DEPTH) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(tag);
        for (Object element : (Collection<?>) value) {
            byte[] bytes;
            if (element == null) {
                bytes = null;
            } else if (PLAIN.contains(element.getClass())) {
                bytes = encode(element);
            } else {
                bytes = collection(element, depth + 1);
                if (bytes == null) {
                    return null;
                }
            }
            // The element's length + 1 (0: null) as an unsigned LEB128 varint: one byte up to 126 bytes.
            for (int rest = bytes == null ? 0 : bytes.length + 1; ; rest >>>= 7) {
                if (rest < 0x80) {
                    out.write(rest);
                    break;
                }
                out.write(rest & 0x7f | 0x80);
            }
            if (bytes != null) {
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toByteArray();
    }

    /** The classes with a plain form of their own (the tags above {@code a}). */
    private static final Set<Class<?>> PLAIN = Set.of(String.class, byte[].class, Long.class, Integer.class,
            Date.class, Boolean.class, Double.class, Float.class, Short.class, Byte.class, Character.class,
            BigInteger.class, BigDecimal.class, UUID.class);

    private Object decodeCollection(byte[] bytes, int depth) {
        byte tag = bytes[0];
        List<Object> elements = new ArrayList<>();
        int at = 1;
        while (at < bytes.length) {
            long prefix = 0;
            for (int shift = 0; ; shift += 7) {
                if (at >= bytes.length || shift > 28) {
                    throw new IllegalArgumentException("truncated or overlong collection element length");
                }
                byte b = bytes[at++];
                prefix |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    break;
                }
            }
            if (prefix == 0) {
                elements.add(null);
                continue;
            }
            long length = prefix - 1;
            if (length < 1 || length > bytes.length - at) {
                throw new IllegalArgumentException("collection element of length " + length);
            }
            byte[] element = Arrays.copyOfRange(bytes, at, at + (int) length);
            at += (int) length;
            elements.add(decodeElement(element, depth));
        }
        return switch (tag) {
            case 'a' -> elements;
            case 'e' -> {
                if (elements.contains(null)) {
                    throw new IllegalArgumentException("null in a TreeSet");
                }
                yield new TreeSet<>(elements);
            }
            default -> new HashSet<>(elements);
        };
    }

    /** An element of a compact collection: a plain value or a nested compact collection, never a serialized one. */
    private Object decodeElement(byte[] element, int depth) {
        byte tag = element[0];
        if (tag == 'a' || tag == 'e' || tag == 'o') {
            if (depth + 1 >= MAX_DEPTH) {
                throw new IllegalArgumentException("collections nested deeper than " + MAX_DEPTH);
            }
            return decodeCollection(element, depth + 1);
        }
        if (tag == 'j') {
            throw new IllegalArgumentException("a serialized element inside a collection");
        }
        return decode(element);
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
                case 'a', 'e', 'o' -> decodeCollection(bytes, 0);
                case 'j' -> deserialize(bytes);
                default -> throw new CacheException(String.format(MSG_UNREADABLE, cacheName,
                        "unknown type tag 0x" + Integer.toHexString(tag & 0xff)));
            };
        } catch (IllegalArgumentException | ClassCastException e) {
            // NumberFormatException included (a TreeSet of mixed types: ClassCastException): another writer's bytes,
            // never served half-decoded.
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
