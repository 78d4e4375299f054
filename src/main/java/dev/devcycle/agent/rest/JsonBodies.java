package dev.devcycle.agent.rest;

import java.io.StringReader;

import dev.devcycle.rest.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** Parses a request body read as text, for endpoints whose body is optional. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonValue parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidRequestException("malformed JSON body: " + e.getMessage());
        }
    }
}
