package dev.devcycle.agent;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

/**
 * Reads the raw agent entries a test finds in Redis, in the Python services' shapes
 * ({@code {"available": ..., "last_check": ...}} and so on), so tests assert what another reader would see.
 */
final class RawEntries {

    private RawEntries() {
    }

    static JsonObject object(String stored) {
        if (stored == null) {
            throw new AssertionError("no entry");
        }
        try (JsonReader reader = Json.createReader(new StringReader(stored))) {
            return reader.readObject();
        }
    }

    /** {@code available} of an availability entry. */
    static boolean available(String stored) {
        return object(stored).getBoolean("available");
    }

    /** {@code capabilities} of a capabilities entry. */
    static List<String> capabilities(String stored) {
        return strings(object(stored), "capabilities");
    }

    /** {@code agent_ids} of an agents_by_capability entry. */
    static List<String> agentIds(String stored) {
        return strings(object(stored), "agent_ids");
    }

    /** {@code load_info} of a load entry. */
    static JsonObject loadInfo(String stored) {
        return object(stored).getJsonObject("load_info");
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
