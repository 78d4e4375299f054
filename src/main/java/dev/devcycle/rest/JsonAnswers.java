package dev.devcycle.rest;

import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

/**
 * Builders for the JSON answers of the resources, from one factory made once. {@code Json.createObjectBuilder()}
 * looks the JSON-P provider up again on every call ({@code JsonProvider.provider()}: a {@code ServiceLoader} search
 * of the application's class loader, which on Liberty fails its way through the bundle class loaders); in issue 17's
 * profile that search was about a tenth of the CPU of a cached availability request. A factory from the same
 * provider builds the same JSON.
 */
public final class JsonAnswers {

    private static final JsonBuilderFactory FACTORY = Json.createBuilderFactory(Map.of());

    private JsonAnswers() {
    }

    public static JsonObjectBuilder object() {
        return FACTORY.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return FACTORY.createArrayBuilder();
    }
}
