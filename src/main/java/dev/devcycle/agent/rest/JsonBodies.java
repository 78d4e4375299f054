package dev.devcycle.agent.rest;

import dev.devcycle.rest.JsonText;
import jakarta.json.JsonValue;

/** Parses a request body read as text, for endpoints whose body is optional. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonValue parse(String body) {
        return JsonText.parseWhole(body);
    }
}
