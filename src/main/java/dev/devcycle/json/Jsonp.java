package dev.devcycle.json;

import java.io.StringReader;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * The service's JSON-P builders, readers and parsers, from one provider looked up once: builders for the resources'
 * answers and the Redis entries, readers and parsers for request bodies, tokens and stored JSON.
 * {@code Json.createObjectBuilder()}, {@code Json.createReader} and {@code Json.createParser} look the provider up
 * again on every call ({@code JsonProvider.provider()}: a {@code ServiceLoader} search of the application's class
 * loader, which on Liberty fails its way through the bundle class loaders); in issue 17's profile that search was
 * about a tenth of the CPU of a cached availability request. The same provider builds and reads the same JSON.
 * A package of its own, below every other: the agent core, the sessions and REST all use it.
 */
public final class Jsonp {

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonBuilderFactory FACTORY = PROVIDER.createBuilderFactory(Map.of());

    private Jsonp() {
    }

    public static JsonObjectBuilder object() {
        return FACTORY.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return FACTORY.createArrayBuilder();
    }

    public static JsonReader reader(String text) {
        return PROVIDER.createReader(new StringReader(text));
    }

    public static JsonParser parser(String text) {
        return PROVIDER.createParser(new StringReader(text));
    }
}
