package dev.devcycle.cache;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import jakarta.json.JsonArray;
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
    private final ClassValue<List<Member>> members = new ClassValue<>() {
        @Override
        protected List<Member> computeValue(Class<?> type) {
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
            for (Member member : members.get(raw)) {
                if (member.checked && needsCheck(member.type, visiting)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the JSON value can be read fully as the type (see the class comment). */
    boolean fits(JsonValue json, Type type) {
        Class<?> raw = rawClass(type);
        if (json.getValueType() == JsonValue.ValueType.NULL) {
            return !raw.isPrimitive();
        }
        if (NonFiniteNumbers.isMarked(json)) {
            return NonFiniteNumbers.isFloating(raw);
        }
        if (raw == Object.class || hasOwnMapping(raw)) {
            return true;
        }
        if (JsonValue.class.isAssignableFrom(raw)) {
            return fitsJsonP(json, raw);
        }
        if (raw == String.class || raw == CharSequence.class || raw.isEnum()) {
            return json instanceof JsonString;
        }
        if (raw == char.class || raw == Character.class) {
            return json instanceof JsonString s && s.getString().length() == 1;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return json.getValueType() == JsonValue.ValueType.TRUE
                    || json.getValueType() == JsonValue.ValueType.FALSE;
        }
        if (isWholeNumber(raw)) {
            return json instanceof JsonNumber n && isWholeIn(n, raw);
        }
        if (NonFiniteNumbers.isFloating(raw) || raw == BigDecimal.class || raw == Number.class
                || raw == OptionalDouble.class) {
            return json instanceof JsonNumber;
        }
        if (raw.isArray()) {
            Type component = type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType();
            return json instanceof JsonArray array && array.stream().allMatch(v -> fits(v, component));
        }
        if (raw == Optional.class) {
            return fits(json, typeArgument(type, 0));
        }
        if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            Type element = typeArgument(type, 0);
            return json instanceof JsonArray array && array.stream().allMatch(v -> fits(v, element));
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type value = typeArgument(type, 1);
            return json instanceof JsonObject object && object.values().stream().allMatch(v -> fits(v, value));
        }
        if (raw.isRecord()) {
            if (!(json instanceof JsonObject object)) {
                return false;
            }
            for (Member member : members.get(raw)) {
                JsonValue value = object.get(member.jsonName);
                if (member.checked && value != null && !fits(value, member.type)) {
                    return false;
                }
            }
            return true;
        }
        // Beans, dates, UUIDs and the like: JSON-B's own rules.
        return true;
    }

    private static boolean fitsJsonP(JsonValue json, Class<?> raw) {
        if (raw == JsonObject.class) {
            return json instanceof JsonObject;
        }
        if (raw == JsonArray.class) {
            return json instanceof JsonArray;
        }
        if (raw == JsonStructure.class) {
            return json instanceof JsonStructure;
        }
        if (raw == JsonString.class) {
            return json instanceof JsonString;
        }
        if (raw == JsonNumber.class) {
            return json instanceof JsonNumber;
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

    private static boolean isWholeIn(JsonNumber n, Class<?> raw) {
        BigDecimal value = n.bigDecimalValue();
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
        long min;
        long max;
        if (raw == byte.class || raw == Byte.class) {
            min = Byte.MIN_VALUE;
            max = Byte.MAX_VALUE;
        } else if (raw == short.class || raw == Short.class) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else if (raw == int.class || raw == Integer.class || raw == OptionalInt.class) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else {
            min = Long.MIN_VALUE;
            max = Long.MAX_VALUE;
        }
        return value.compareTo(BigDecimal.valueOf(min)) >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    /** A type whose JSON is decided by an adapter or deserializer of its own: it checks what it reads itself. */
    private static boolean hasOwnMapping(Class<?> raw) {
        return raw.isAnnotationPresent(JsonbTypeAdapter.class) || raw.isAnnotationPresent(JsonbTypeDeserializer.class);
    }

    private List<Member> membersOf(Class<?> record) {
        if (!record.isRecord()) {
            return List.of();
        }
        List<Member> list = new ArrayList<>();
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
            list.add(new Member(name, component.getGenericType(), !own));
        }
        return List.copyOf(list);
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
