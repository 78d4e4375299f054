package dev.devcycle.cache;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbNumberFormat;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;

/**
 * Whether a stored JSON value can be read <i>fully</i> as a Java type. JSON-B binds leniently: it reads {@code "3"} or
 * {@code 3.7} into an {@code int} 3, any string or number into a {@code Boolean} ({@code false}), numbers and booleans
 * into a {@code String}. For a value another writer stored in another shape that is a wrong answer, not a read; this
 * check makes it a miss. The rules, per declared type:
 * <ul>
 * <li>{@code String}, enums: a JSON string; {@code char}: a string of one character; {@code boolean}: true or
 * false;</li>
 * <li>whole-number types: a number whose value is whole and in range ({@code 2.0} is 2, {@code 2.5} is not an
 * {@code int}); {@code double}, {@code float}, {@code BigDecimal}, {@code Number}: a number;</li>
 * <li>arrays and collections: an array whose elements fit; maps: an object whose values fit; {@code Optional}: null or
 * its content;</li>
 * <li>records: an object whose members fit their components (found by their JSON names; a component JSON-B cannot
 * find is refused by JSON-B itself, the codec requiring every creator parameter);</li>
 * <li>{@code null} fits every reference type; anything fits {@code Object}, JSON-P types, beans and the types JSON-B
 * reads from text of its own format (dates, UUIDs, ...), and members with an adapter, deserializer or format of
 * their own.</li>
 * </ul>
 * A non-finite number marked by {@link NonFiniteNumbers} fits only {@code double} and {@code float}.
 */
final class JsonShape {

    private final UnaryOperator<String> propertyNames;
    private final Map<Type, Boolean> checked = new ConcurrentHashMap<>();
    private final ClassValue<Map<String, Member>> members = new ClassValue<>() {
        @Override
        protected Map<String, Member> computeValue(Class<?> type) {
            return membersOf(type);
        }
    };

    /** @param propertyNames the JSON name of a record component without {@code @JsonbProperty} */
    JsonShape(UnaryOperator<String> propertyNames) {
        this.propertyNames = propertyNames;
    }

    /** JSON-B's {@code LOWER_CASE_WITH_UNDERSCORES}: an underscore before each upper-case letter, all lower case. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** False when every JSON value that JSON-B binds to the type also fits it: then there is nothing to check. */
    boolean needsCheck(Type type) {
        Boolean known = checked.get(type);
        if (known == null) {
            known = needsCheck(type, new HashSet<>());
            checked.put(type, known);
        }
        return known;
    }

    private boolean needsCheck(Type type, Set<Type> visiting) {
        Class<?> raw = rawClass(type);
        if (raw == Object.class || JsonValue.class.isAssignableFrom(raw) || hasOwnMapping(raw)) {
            return false;
        }
        if (isScalar(raw) || raw.isEnum()) {
            return true;
        }
        if (!visiting.add(type)) {
            return true;
        }
        if (raw.isArray()) {
            return needsCheck(type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType(),
                    visiting);
        }
        if (raw == Optional.class || Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            return needsCheck(typeArgument(type, 0), visiting);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return needsCheck(typeArgument(type, 1), visiting);
        }
        if (raw.isRecord()) {
            for (Member member : members.get(raw).values()) {
                if (member.checked && needsCheck(member.type, visiting)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the text is one JSON value (no trailing text, as Python refuses it) that can be read fully as the type
     * (see the class comment). Read as a stream of parser events, without building a tree: on a cache hit this check
     * runs beside JSON-B's own parse, and a tree of JSON-P values cost as much again as the check itself (issue 17).
     */
    boolean fits(JsonProvider provider, String text, Type type) {
        try (JsonParser parser = provider.createParser(new StringReader(text))) {
            return parser.hasNext() && fits(parser, parser.next(), type) && !parser.hasNext();
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return false;
        }
    }

    /**
     * Whether the value that starts with {@code event} fits the type. When it does, the parser is left on the value's
     * last event; when it does not, the check is over and the parser's position does not matter.
     */
    private boolean fits(JsonParser parser, Event event, Type type) {
        Class<?> raw = rawClass(type);
        if (event == Event.VALUE_NULL) {
            return !raw.isPrimitive();
        }
        if (event == Event.VALUE_STRING && NonFiniteNumbers.isMarked(parser.getString())) {
            return NonFiniteNumbers.isFloating(raw);
        }
        if (raw == Object.class || hasOwnMapping(raw)) {
            return skip(parser, event);
        }
        if (JsonValue.class.isAssignableFrom(raw)) {
            return fitsJsonP(event, raw) && skip(parser, event);
        }
        if (raw == String.class || raw == CharSequence.class || raw.isEnum()) {
            return event == Event.VALUE_STRING;
        }
        if (raw == char.class || raw == Character.class) {
            return event == Event.VALUE_STRING && parser.getString().length() == 1;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return event == Event.VALUE_TRUE || event == Event.VALUE_FALSE;
        }
        if (isWholeNumber(raw)) {
            return event == Event.VALUE_NUMBER && isWholeIn(parser, raw);
        }
        if (NonFiniteNumbers.isFloating(raw) || raw == BigDecimal.class || raw == Number.class
                || raw == OptionalDouble.class) {
            return event == Event.VALUE_NUMBER;
        }
        if (raw.isArray()) {
            Type component = type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType();
            return event == Event.START_ARRAY && elementsFit(parser, component);
        }
        if (raw == Optional.class) {
            return fits(parser, event, typeArgument(type, 0));
        }
        if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            return event == Event.START_ARRAY && elementsFit(parser, typeArgument(type, 0));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return event == Event.START_OBJECT && membersFit(parser, null, typeArgument(type, 1));
        }
        if (raw.isRecord()) {
            return event == Event.START_OBJECT && membersFit(parser, members.get(raw), null);
        }
        // Beans, dates, UUIDs and the like: JSON-B's own rules.
        return skip(parser, event);
    }

    private boolean elementsFit(JsonParser parser, Type element) {
        for (Event event = parser.next(); event != Event.END_ARRAY; event = parser.next()) {
            if (!fits(parser, event, element)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param byName    a record's members by JSON name (a member not there, or with a mapping of its own, is skipped);
     *                  null for a map
     * @param valueType a map's value type, which every member's value must fit
     */
    private boolean membersFit(JsonParser parser, Map<String, Member> byName, Type valueType) {
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            Type type = valueType;
            if (byName != null) {
                Member member = byName.get(parser.getString());
                type = member == null || !member.checked ? null : member.type;
            }
            Event value = parser.next();
            if (type == null ? !skip(parser, value) : !fits(parser, value, type)) {
                return false;
            }
        }
        return true;
    }

    /** Moves past a value not checked (to its last event); true. */
    private static boolean skip(JsonParser parser, Event event) {
        if (event == Event.START_OBJECT) {
            parser.skipObject();
        } else if (event == Event.START_ARRAY) {
            parser.skipArray();
        }
        return true;
    }

    private static boolean fitsJsonP(Event event, Class<?> raw) {
        if (raw == JsonObject.class) {
            return event == Event.START_OBJECT;
        }
        if (raw == JsonArray.class) {
            return event == Event.START_ARRAY;
        }
        if (raw == JsonStructure.class) {
            return event == Event.START_OBJECT || event == Event.START_ARRAY;
        }
        if (raw == JsonString.class) {
            return event == Event.VALUE_STRING;
        }
        if (raw == JsonNumber.class) {
            return event == Event.VALUE_NUMBER;
        }
        return true;
    }

    private static boolean isScalar(Class<?> raw) {
        return raw.isPrimitive() || raw == String.class || raw == CharSequence.class || raw == Character.class
                || raw == Boolean.class || isWholeNumber(raw) || NonFiniteNumbers.isFloating(raw)
                || raw == BigDecimal.class || raw == Number.class || raw == OptionalDouble.class;
    }

    private static boolean isWholeNumber(Class<?> raw) {
        return raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class
                || raw == BigInteger.class || raw == OptionalInt.class || raw == OptionalLong.class;
    }

    private static boolean isWholeIn(JsonParser parser, Class<?> raw) {
        // The common case without BigDecimal: an integral literal of at most 18 digits is a long.
        if (parser.isIntegralNumber()) {
            String digits = parser.getString();
            if (digits.length() <= 18) {
                return raw == BigInteger.class || isIn(Long.parseLong(digits), raw);
            }
        }
        BigDecimal value = parser.getBigDecimal();
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return false;
        }
        if (raw == BigInteger.class) {
            return true;
        }
        // Far beyond any range: no need to expand a huge exponent into a BigInteger.
        if (value.precision() - value.scale() > 20) {
            return false;
        }
        return value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 && isIn(value.longValue(), raw);
    }

    private static boolean isIn(long value, Class<?> raw) {
        if (raw == byte.class || raw == Byte.class) {
            return value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE;
        }
        if (raw == short.class || raw == Short.class) {
            return value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
        }
        if (raw == int.class || raw == Integer.class || raw == OptionalInt.class) {
            return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
        }
        return true;
    }

    /** A type whose JSON is decided by an adapter or deserializer of its own: it checks what it reads itself. */
    private static boolean hasOwnMapping(Class<?> raw) {
        return raw.isAnnotationPresent(JsonbTypeAdapter.class) || raw.isAnnotationPresent(JsonbTypeDeserializer.class);
    }

    private Map<String, Member> membersOf(Class<?> record) {
        if (!record.isRecord()) {
            return Map.of();
        }
        Map<String, Member> byName = new HashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            AnnotatedElement[] places = annotatedPlaces(record, component);
            if (annotation(places, JsonbTransient.class) != null) {
                continue;
            }
            JsonbProperty property = annotation(places, JsonbProperty.class);
            String name = property != null && !property.value().isEmpty() ? property.value()
                    : propertyNames.apply(component.getName());
            boolean own = annotation(places, JsonbTypeAdapter.class) != null
                    || annotation(places, JsonbTypeDeserializer.class) != null
                    || annotation(places, JsonbNumberFormat.class) != null
                    || annotation(places, JsonbDateFormat.class) != null;
            byName.put(name, new Member(name, component.getGenericType(), !own));
        }
        return Map.copyOf(byName);
    }

    /** A component's annotations land on its accessor, field or constructor parameter, by their targets. */
    private static AnnotatedElement[] annotatedPlaces(Class<?> record, RecordComponent component) {
        List<AnnotatedElement> places = new ArrayList<>(List.of(component, component.getAccessor()));
        try {
            places.add(record.getDeclaredField(component.getName()));
        } catch (NoSuchFieldException e) {
            // Every record component has its field; nothing more to look at otherwise.
        }
        return places.toArray(AnnotatedElement[]::new);
    }

    private static <A extends Annotation> A annotation(AnnotatedElement[] places, Class<A> type) {
        for (AnnotatedElement place : places) {
            A found = place.getAnnotation(type);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The class of a declared type: a wildcard's upper bound, a type variable's first bound. */
    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return rawClass(p.getRawType());
        }
        if (type instanceof GenericArrayType g) {
            return java.lang.reflect.Array.newInstance(rawClass(g.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> v) {
            return rawClass(v.getBounds()[0]);
        }
        return Object.class;
    }

    /**
     * The n-th type argument of a parameterized collection, map or optional; {@code Object} when the type is raw or
     * binds its arguments in a subclass (JSON-B then decides).
     */
    static Type typeArgument(Type type, int n) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > n) {
            Type argument = p.getActualTypeArguments()[n];
            return argument instanceof WildcardType w ? w.getUpperBounds()[0] : argument;
        }
        return Object.class;
    }

    /** A record component as JSON sees it; {@code checked} false when it has a mapping of its own. */
    private record Member(String jsonName, Type type, boolean checked) {
    }
}
