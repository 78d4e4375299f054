package it.dev.devcycle;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** Reading JSON text the ITs got from the server or from Redis. */
public final class ItJson {

    private ItJson() {
    }

    /** The one JSON value of the text; fails on anything else. */
    public static JsonValue parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** The text as a JSON object; fails when it is not one. */
    public static JsonObject object(String text) {
        return parse(text).asJsonObject();
    }
}
