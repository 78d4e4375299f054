package dev.devcycle.cache.internal;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Renders method arguments as the key part of a Redis key, by the rules written on {@link dev.devcycle.cache.CacheResult}. The one place
 * these rules live: the annotations, {@code DeclarativeCaches}, {@code DeclarativeCache} handles and the deployment
 * check use it.
 *
 * <p>Rendering is injective for a fixed list of parameter types: every part escapes {@code \} and {@code :}, the
 * separator, and {@code null} has a token no escaped text can produce. Simple ids (letters, digits, {@code -_.@})
 * therefore come out verbatim, which is what other services reading the same keys expect.
 */
public final class CacheKeyRenderer {

    /** The key of a method without parameters; no rendered argument list can equal it. */
    public static final String DEFAULT_KEY = "\\default";
    /** Separator between the parts of a composite key. */
    public static final char SEPARATOR = ':';
    static final char ESCAPE = '\\';
    /** A null argument. */
    static final String NULL = "\\N";
    /**
     * A null record component that is not a record; distinct from {@link #NULL} so a null record argument and a record
     * whose only component is null render differently.
     */
    static final String NULL_COMPONENT = "\\n";
    /** A null record component that is itself a record, for the same reason one level down. */
    static final String NULL_RECORD = "\\R";

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Character.class, char.class, Boolean.class,
            boolean.class, Byte.class, byte.class, Short.class, short.class, Integer.class, int.class, Long.class,
            long.class, Float.class, float.class, Double.class, double.class, BigInteger.class, BigDecimal.class,
            UUID.class);

    private CacheKeyRenderer() {
    }

    /**
     * The key of an argument list: {@link #DEFAULT_KEY} for none, the rendered argument for one, the rendered
     * arguments joined with {@value #SEPARATOR} for several.
     *
     * @throws IllegalArgumentException for an argument whose type cannot be rendered
     */
    public static String render(Object... parts) {
        if (parts == null) {
            // invalidate(name, (Object[]) null): a single null argument is what the caller meant.
            return NULL;
        }
        if (parts.length == 0) {
            return DEFAULT_KEY;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            appendPart(out, parts[i]);
        }
        return out.toString();
    }

    /** One rendered part, as {@link #render} writes it. */
    public static String renderPart(Object part) {
        StringBuilder out = new StringBuilder();
        appendPart(out, part);
        return out.toString();
    }

    /**
     * Why values of a declared parameter type cannot be rendered, or empty when they can. Used at deployment, so an
     * unusable key parameter is reported before the first call.
     */
    public static Optional<String> unrenderableReason(Type type) {
        if (!(type instanceof Class<?> c)) {
            return Optional.of("generic type " + type.getTypeName() + " cannot be a key part");
        }
        return unrenderableReason(c, c.getName());
    }

    private static Optional<String> unrenderableReason(Class<?> c, String path) {
        if (SCALARS.contains(c) || c.isEnum()) {
            return Optional.empty();
        }
        if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                if (!(component.getGenericType() instanceof Class<?> componentType)) {
                    return Optional.of("record component " + path + "." + component.getName() + " is generic");
                }
                Optional<String> reason = unrenderableReason(componentType, path + "." + component.getName());
                if (reason.isPresent()) {
                    return reason;
                }
            }
            return Optional.empty();
        }
        return Optional.of(path + " (" + c.getName() + ") is not a string, number, boolean, enum, UUID or record of"
                + " those");
    }

    private static void appendPart(StringBuilder out, Object part) {
        if (part == null) {
            out.append(NULL);
        } else if (part instanceof String s) {
            appendEscaped(out, s);
        } else if (part instanceof Character ch) {
            appendEscaped(out, ch.toString());
        } else if (part instanceof BigDecimal d) {
            // toString() may switch to exponent form; the plain form is the readable one.
            out.append(d.toPlainString());
        } else if (part instanceof Number || part instanceof Boolean || part instanceof UUID) {
            out.append(part);
        } else if (part instanceof Enum<?> e) {
            appendEscaped(out, e.name());
        } else if (part instanceof Record r) {
            appendRecord(out, r);
        } else {
            throw new IllegalArgumentException("cannot render a cache key part of type " + part.getClass().getName()
                    + ": use strings, numbers, booleans, enums, UUIDs or records of those");
        }
    }

    private static void appendRecord(StringBuilder out, Record record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            Object value;
            try {
                var accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                value = accessor.invoke(record);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read record component " + components[i].getName()
                        + " of " + record.getClass().getName(), e);
            }
            if (value == null) {
                out.append(components[i].getType().isRecord() ? NULL_RECORD : NULL_COMPONENT);
            } else {
                appendPart(out, value);
            }
        }
    }

    private static void appendEscaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE || c == SEPARATOR) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
    }
}
