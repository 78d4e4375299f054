package dev.devcycle.agent.model;


import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import dev.devcycle.json.Jsonp;

/** Stores a free-form JSON object (an agent's configuration) as its text, portable across H2 and PostgreSQL. */
@Converter
public class JsonObjectConverter implements AttributeConverter<JsonObject, String> {

    @Override
    public String convertToDatabaseColumn(JsonObject value) {
        return value == null ? null : value.toString();
    }

    @Override
    public JsonObject convertToEntityAttribute(String text) {
        if (text == null || text.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Jsonp.reader(text)) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            // A row edited by hand into invalid JSON keeps the defaults instead of failing every read of it.
            return JsonObject.EMPTY_JSON_OBJECT;
        }
    }
}
