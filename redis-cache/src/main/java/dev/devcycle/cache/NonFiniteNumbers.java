package dev.devcycle.cache;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The bare {@code NaN}, {@code Infinity} and {@code -Infinity} that Python's {@code json.dumps} writes (its default
 * {@code allow_nan=True}) and {@code json.loads} reads. They are not JSON, so no JSON-P parser accepts them: this class
 * rewrites them, outside strings, into JSON strings — marked ones for {@link JsonShape} to tell them from real text,
 * or JSON-B's own spelling of these doubles for the binding — and reads them into the untyped Java values
 * ({@code Object}, {@code Number}, maps and lists of those) that JSON-B cannot give them as.
 *
 * <p>Written by hand because neither JSON-P nor JSON-B has an option for these tokens.
 */
final class NonFiniteNumbers {

    private static final String[] TOKENS = {"-Infinity", "Infinity", "NaN"};
    private static final double[] VALUES = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN};
    /** A noncharacter: never in the text of a real string (a stored text containing it is not rewritten). */
    private static final char MARK = '\uFDD0';
    private static final String[] MARKED = {"\"" + MARK + "-Infinity\"", "\"" + MARK + "Infinity\"",
            "\"" + MARK + "NaN\""};
    private static final String[] JSONB_SPELLING = {"\"-Infinity\"", "\"Infinity\"", "\"NaN\""};

    private NonFiniteNumbers() {
    }

    /** The text with each bare token as a marked JSON string; null when there is none (or the text holds a mark). */
    static String marked(String text) {
        if (text.indexOf(MARK) >= 0 || text.toLowerCase(java.util.Locale.ROOT).contains("\\ufdd0")) {
            return null;
        }
        return rewrite(text, MARKED);
    }

    /** The text with each bare token as the JSON string JSON-B reads into that double; null when there is none. */
    static String jsonbSpelling(String text) {
        return rewrite(text, JSONB_SPELLING);
    }

    /** Whether a value of a tree made by {@link #marked} stands for a non-finite number. */
    static boolean isMarked(JsonValue value) {
        return value instanceof JsonString s && isMarked(s.getString());
    }

    /** Whether a JSON string's content, in a text made by {@link #marked}, stands for a non-finite number. */
    static boolean isMarked(String content) {
        return !content.isEmpty() && content.charAt(0) == MARK;
    }

    /** The double a marked value stands for. */
    static double valueOf(JsonString marked) {
        String token = marked.getString().substring(1);
        for (int i = 0; i < TOKENS.length; i++) {
            if (TOKENS[i].equals(token)) {
                return VALUES[i];
            }
        }
        throw new IllegalArgumentException("not a marked non-finite number");
    }

    /**
     * Whether the type is untyped enough that JSON-B would give a non-finite number as text or fail: {@code Object},
     * {@code Number}, or a map with string keys, a collection or an array of such types (or of doubles and floats).
     */
    static boolean isUntyped(Type type) {
        Class<?> raw = JsonShape.rawClass(type);
        if (raw == Object.class || raw == Number.class || isFloating(raw)) {
            return true;
        }
        if (raw.isArray()) {
            return isUntyped(type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType());
        }
        if (Map.class.isAssignableFrom(raw)) {
            Class<?> key = JsonShape.rawClass(JsonShape.typeArgument(type, 0));
            return (key == String.class || key == Object.class) && isUntyped(JsonShape.typeArgument(type, 1));
        }
        if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            return isUntyped(JsonShape.typeArgument(type, 0));
        }
        return false;
    }

    /**
     * The value of a marked tree as an {@linkplain #isUntyped untyped} type: numbers as {@code BigDecimal} (what
     * JSON-B gives for {@code Object}) or as the requested floating type, marked values as that double.
     *
     * @throws IllegalArgumentException when the tree does not fit the type
     */
    static Object toUntyped(JsonValue json, Type type) {
        Class<?> raw = JsonShape.rawClass(type);
        if (json.getValueType() == JsonValue.ValueType.NULL) {
            if (raw.isPrimitive()) {
                throw new IllegalArgumentException("null for " + raw);
            }
            return null;
        }
        if (isFloating(raw)) {
            double d = isMarked(json) ? valueOf((JsonString) json) : number(json).doubleValue();
            return raw == float.class || raw == Float.class ? (Object) (float) d : (Object) d;
        }
        if (raw == Number.class) {
            return isMarked(json) ? (Object) valueOf((JsonString) json) : number(json).bigDecimalValue();
        }
        if (raw == Object.class) {
            return anything(json);
        }
        if (raw.isArray()) {
            Type component = type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType();
            JsonArray array = array(json);
            Object result = Array.newInstance(JsonShape.rawClass(component), array.size());
            for (int i = 0; i < array.size(); i++) {
                Array.set(result, i, toUntyped(array.get(i), component));
            }
            return result;
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (!(json instanceof JsonObject object)) {
                throw new IllegalArgumentException("not an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) instance(raw, LinkedHashMap::new);
            Type valueType = JsonShape.typeArgument(type, 1);
            object.forEach((k, v) -> map.put(k, toUntyped(v, valueType)));
            return map;
        }
        JsonArray array = array(json);
        @SuppressWarnings("unchecked")
        Collection<Object> collection = (Collection<Object>) instance(raw,
                Set.class.isAssignableFrom(raw) ? LinkedHashSet::new : ArrayList::new);
        Type element = JsonShape.typeArgument(type, 0);
        array.forEach(v -> collection.add(toUntyped(v, element)));
        return collection;
    }

    private static Object anything(JsonValue json) {
        return switch (json.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NUMBER -> ((JsonNumber) json).bigDecimalValue();
            case STRING -> isMarked(json) ? (Object) valueOf((JsonString) json) : ((JsonString) json).getString();
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                json.asJsonArray().forEach(v -> list.add(anything(v)));
                yield list;
            }
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                json.asJsonObject().forEach((k, v) -> map.put(k, anything(v)));
                yield map;
            }
        };
    }

    private static Object instance(Class<?> raw, java.util.function.Supplier<Object> fallback) {
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            Object made = fallback.get();
            if (!raw.isInstance(made)) {
                throw new IllegalArgumentException("no implementation of " + raw.getName());
            }
            return made;
        }
        try {
            return raw.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create " + raw.getName(), e);
        }
    }

    private static JsonNumber number(JsonValue json) {
        if (json instanceof JsonNumber n) {
            return n;
        }
        throw new IllegalArgumentException("not a number");
    }

    private static JsonArray array(JsonValue json) {
        if (json instanceof JsonArray a) {
            return a;
        }
        throw new IllegalArgumentException("not an array");
    }

    static boolean isFloating(Class<?> raw) {
        return raw == double.class || raw == Double.class || raw == float.class || raw == Float.class;
    }

    /** Replaces each token outside JSON strings; null when there was none. */
    private static String rewrite(String text, String[] replacements) {
        StringBuilder out = null;
        boolean inString = false;
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
                continue;
            }
            if (c != 'N' && c != 'I' && c != '-') {
                continue;
            }
            for (int t = 0; t < TOKENS.length; t++) {
                if (text.startsWith(TOKENS[t], i)) {
                    if (out == null) {
                        out = new StringBuilder(text.length() + 16);
                    }
                    out.append(text, copied, i).append(replacements[t]);
                    i += TOKENS[t].length() - 1;
                    copied = i + 1;
                    break;
                }
            }
        }
        if (out == null) {
            return null;
        }
        return out.append(text, copied, text.length()).toString();
    }
}
