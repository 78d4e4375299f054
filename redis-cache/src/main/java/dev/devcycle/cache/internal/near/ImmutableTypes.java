package dev.devcycle.cache.internal.near;

import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a decoded value of a declared type can be shared between callers: only when nothing reachable
 * from it can be changed. Strings, boxed primitives, enums, {@code BigDecimal}/{@code BigInteger}, {@code UUID},
 * {@code java.time} values, and records whose components are all such types (recursively). Collections, arrays,
 * JSON-P values and ordinary beans are not: JSON-B decodes them into mutable objects, so those are decoded fresh
 * for every hit. Answers are memoised per type.
 */
public final class ImmutableTypes {

    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, BigDecimal.class, BigInteger.class,
            UUID.class, Instant.class, LocalDate.class, LocalDateTime.class, LocalTime.class, OffsetDateTime.class,
            ZonedDateTime.class, Duration.class, boolean.class, char.class, byte.class, short.class, int.class,
            long.class, float.class, double.class);

    private static final Map<Type, Boolean> KNOWN = new ConcurrentHashMap<>();

    private ImmutableTypes() {
    }

    /** True when a value decoded as this type can be handed to every caller as the same object. */
    public static boolean isDeeplyImmutable(Type type) {
        Boolean known = KNOWN.get(type);
        if (known != null) {
            return known;
        }
        boolean answer = check(type, 0);
        KNOWN.put(type, answer);
        return answer;
    }

    private static boolean check(Type type, int depth) {
        if (!(type instanceof Class<?> c) || depth > 8) {
            // Parameterized types are collections/maps/optionals of something: JSON-B makes them mutable.
            return false;
        }
        if (IMMUTABLE.contains(c) || c.isEnum()) {
            return true;
        }
        if (c.isRecord() && Modifier.isFinal(c.getModifiers())) {
            for (RecordComponent component : c.getRecordComponents()) {
                if (!check(component.getGenericType(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
