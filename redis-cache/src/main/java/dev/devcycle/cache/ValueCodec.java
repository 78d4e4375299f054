package dev.devcycle.cache;

import java.lang.reflect.Type;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.config.PropertyNamingStrategy;

/**
 * The value encoding shared with the seed's Python {@code RedisCache}: a {@code String} is stored as its raw UTF-8
 * text, every other value as JSON. Property names are written in snake_case, as the Python services write them.
 *
 * <p>Reading: a {@code String} is the raw text, exactly as stored. Any other type is parsed from JSON; for
 * {@code Object} and {@link JsonValue} a text that is not JSON reads as that text (what Python's
 * {@code json.loads} fallback returns). No Java serialization is used anywhere: values are JSON into declared types.
 */
public final class ValueCodec {

    private final Jsonb jsonb;

    public ValueCodec() {
        this(JsonbBuilder.create(new JsonbConfig()
                .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)));
    }

    public ValueCodec(Jsonb jsonb) {
        this.jsonb = jsonb;
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
     * @throws UndecodableValueException when the text is not JSON of that type
     */
    @SuppressWarnings("unchecked")
    public <T> T decode(String stored, Type type) {
        if (type == String.class || type == CharSequence.class) {
            return (T) stored;
        }
        try {
            return jsonb.fromJson(stored, type);
        } catch (JsonbException | ClassCastException e) {
            if (type == Object.class) {
                return (T) stored;
            }
            if (type == JsonValue.class) {
                return (T) jakarta.json.Json.createValue(stored);
            }
            throw new UndecodableValueException("stored value is not JSON of type " + type.getTypeName(), e);
        }
    }

    /** The JSON-B instance, for callers that render the same JSON (e.g. REST). */
    public Jsonb jsonb() {
        return jsonb;
    }
}
