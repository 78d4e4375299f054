package dev.devcycle.cache;

import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.function.UnaryOperator;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * The value encoding shared with the seed's Python {@code RedisCache}: a {@code String} is stored as its raw UTF-8
 * text, every other value as JSON. Property names are written in snake_case and {@code null} members explicitly, as
 * the Python services write them.
 *
 * <p>Reading: a {@code String} is the raw text, exactly as stored. Any other type is parsed from JSON; for
 * {@code Object} and {@link JsonValue} a text that is not JSON reads as that text (what Python's
 * {@code json.loads} fallback returns). No Java serialization is used anywhere: values are JSON into declared types.
 *
 * <p><b>Read fully or not at all.</b> Other writers share the keys, so a stored value may have another shape than the
 * requested type. Such a value is {@linkplain UndecodableValueException undecodable} — a miss for the caches — never a
 * half-filled object: a record (or any {@code @JsonbCreator} type) needs every component present (an explicit
 * {@code null} is present), and members must have the JSON type of their Java type, without JSON-B's lenient
 * conversions ({@link JsonShape}). Members the type does not declare are ignored.
 *
 * <p><b>Non-finite numbers.</b> Python's {@code json.dumps} writes {@code NaN}, {@code Infinity} and
 * {@code -Infinity}. They read as the double they denote where the type holds one: {@code double}, {@code float}
 * and their boxes anywhere, {@code Object} and {@code Number} in untyped values ({@code Object}, maps with string keys,
 * collections and arrays of those); anywhere else the value is undecodable — never the text {@code "NaN"}.
 */
public final class ValueCodec {

    /**
     * The JSON-P provider, looked up once: {@code Json.createParser} looks it up again on every call, a
     * {@code ServiceLoader} scan of the class path (issue 17: with the benchmarks' class path a strict decode cost
     * three times a loopback {@code GET}; on Liberty a tenth of a cached request's CPU went to such lookups).
     */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    private final Jsonb jsonb;
    private final JsonShape shape;

    public ValueCodec() {
        this(JsonbBuilder.create(new JsonbConfig()
                .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
                .withNullValues(true)
                .withCreatorParametersRequired(true)), JsonShape::snakeCase);
    }

    /**
     * A codec on a JSON-B instance of the caller's. Its record members are checked under their Java names (JSON-B's
     * default naming) or {@code @JsonbProperty}; configure {@code withCreatorParametersRequired(true)} for missing
     * components to be refused.
     */
    public ValueCodec(Jsonb jsonb) {
        this(jsonb, UnaryOperator.identity());
    }

    private ValueCodec(Jsonb jsonb, UnaryOperator<String> propertyNames) {
        this.jsonb = jsonb;
        this.shape = new JsonShape(propertyNames);
    }

    /** The stored text of a value. */
    public String encode(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof JsonValue json) {
            return json.toString();
        }
        try {
            return jsonb.toJson(value);
        } catch (JsonbException e) {
            throw new UndecodableValueException("value of type " + value.getClass().getName()
                    + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The value of a stored text as the requested type.
     *
     * @throws UndecodableValueException when the text cannot be read fully as that type
     */
    @SuppressWarnings("unchecked")
    public <T> T decode(String stored, Type type) {
        if (type == String.class || type == CharSequence.class) {
            return (T) stored;
        }
        T value;
        try {
            value = jsonb.fromJson(stored, type);
        } catch (JsonbException | ClassCastException e) {
            return decodeBeyondJson(stored, type, e);
        }
        // A second parse, of events only, for types where JSON-B's binding can be lenient (memoised per type).
        if (shape.needsCheck(type) && !shape.fits(JSON_P, stored, type)) {
            throw new UndecodableValueException("stored value does not have the shape of " + type.getTypeName(), null);
        }
        return value;
    }

    /** A text JSON-B refused: Python's non-finite numbers, or not JSON at all. */
    @SuppressWarnings("unchecked")
    private <T> T decodeBeyondJson(String stored, Type type, RuntimeException refusal) {
        String marked = NonFiniteNumbers.marked(stored);
        JsonValue tree = marked == null ? null : parse(marked);
        if (tree != null) {
            return decodeNonFinite(stored, marked, tree, type);
        }
        if (type == Object.class) {
            return (T) stored;
        }
        if (type == JsonValue.class) {
            return (T) JSON_P.createValue(stored);
        }
        throw new UndecodableValueException("stored value is not JSON of type " + type.getTypeName(), refusal);
    }

    @SuppressWarnings("unchecked")
    private <T> T decodeNonFinite(String stored, String marked, JsonValue tree, Type type) {
        try {
            if (NonFiniteNumbers.isUntyped(type)) {
                return (T) NonFiniteNumbers.toUntyped(tree, type);
            }
            if (shape.fits(JSON_P, marked, type)) {
                return jsonb.fromJson(NonFiniteNumbers.jsonbSpelling(stored), type);
            }
        } catch (JsonbException | ClassCastException | IllegalArgumentException e) {
            throw new UndecodableValueException("stored value with NaN or Infinity is not JSON of type "
                    + type.getTypeName(), e);
        }
        throw new UndecodableValueException("stored NaN or Infinity where " + type.getTypeName()
                + " holds no such number", null);
    }

    /** The JSON tree of a text; null when it is not one JSON value (trailing text included, as Python refuses it). */
    private static JsonValue parse(String text) {
        try (JsonParser parser = JSON_P.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return null;
            }
            parser.next();
            JsonValue value = parser.getValue();
            return parser.hasNext() ? null : value;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return null;
        }
    }

    /** The JSON-B instance, for callers that render the same JSON (e.g. REST). */
    public Jsonb jsonb() {
        return jsonb;
    }
}
