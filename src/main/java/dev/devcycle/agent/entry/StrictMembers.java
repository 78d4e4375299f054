package dev.devcycle.agent.entry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.devcycle.python.PythonTimestamps;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import dev.devcycle.json.Jsonp;

/**
 * Reads the members of an agent entry exactly: a member that is missing or of another JSON type makes the whole entry
 * unreadable ({@link IllegalArgumentException}, which JSON-B reports and the cache turns into a miss), so no entry of
 * another writer is ever served half-read.
 */
final class StrictMembers {

    static final String LAST_CHECK = "last_check";
    private static final String ERR_MEMBER = "agent cache entry: member %s is missing or not %s";
    private static final String ERR_MISSING = "agent cache entry: member %s is missing";

    private StrictMembers() {
    }

    static JsonValue member(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null) {
            throw new IllegalArgumentException(String.format(ERR_MISSING, name));
        }
        return value;
    }

    static boolean bool(JsonObject object, String name) {
        JsonValue.ValueType type = member(object, name).getValueType();
        if (type == JsonValue.ValueType.TRUE || type == JsonValue.ValueType.FALSE) {
            return type == JsonValue.ValueType.TRUE;
        }
        throw wrong(name, "a boolean");
    }

    static String string(JsonObject object, String name) {
        if (member(object, name) instanceof JsonString s) {
            return s.getString();
        }
        throw wrong(name, "a string");
    }

    /** A whole number in int range; {@code 2.0} counts (Python may write a whole float), {@code 2.5} does not. */
    static int wholeNumber(JsonObject object, String name) {
        if (member(object, name) instanceof JsonNumber n) {
            try {
                return n.bigDecimalValue().intValueExact();
            } catch (ArithmeticException e) {
                throw wrong(name, "a whole number");
            }
        }
        throw wrong(name, "a whole number");
    }

    /** A list of strings, as an array. */
    static List<String> strings(JsonValue value, String name) {
        if (!(value instanceof JsonArray array)) {
            throw wrong(name, "an array of strings");
        }
        List<String> strings = new ArrayList<>(array.size());
        for (JsonValue element : array) {
            if (!(element instanceof JsonString s)) {
                throw wrong(name, "an array of strings");
            }
            strings.add(s.getString());
        }
        return List.copyOf(strings);
    }

    /** {@code last_check}: {@code time.time()} seconds, a number. */
    static Instant lastCheck(JsonObject object) {
        if (member(object, LAST_CHECK) instanceof JsonNumber n) {
            BigDecimal seconds = n.bigDecimalValue();
            return PythonTimestamps.ofEpochSeconds(seconds).orElseThrow(() -> wrong(LAST_CHECK, "a time"));
        }
        throw wrong(LAST_CHECK, "a number of seconds");
    }

    /** A list entry: {@code {"<name>": [...], "last_check": t}}, or the bare list when there is no time. */
    static JsonValue listEntry(String name, List<String> items, Instant lastCheck) {
        JsonArrayBuilder list = Jsonp.array();
        items.forEach(list::add);
        if (lastCheck == null) {
            return list.build();
        }
        return Jsonp.object().add(name, list)
                .add(LAST_CHECK, PythonTimestamps.epochSeconds(lastCheck)).build();
    }

    /** The list and time of a list entry written by {@link #listEntry}; the time is null for a bare list. */
    static TimedList timedList(JsonValue json, String name) {
        if (json.getValueType() == JsonValue.ValueType.ARRAY) {
            return new TimedList(strings(json, name), null);
        }
        JsonObject object = object(json, name + " entry");
        return new TimedList(strings(member(object, name), name), lastCheck(object));
    }

    /** The content of a list entry. */
    record TimedList(List<String> items, Instant lastCheck) {
    }

    static JsonObject object(JsonValue value, String what) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw wrong(what, "an object");
    }

    static IllegalArgumentException wrong(String name, String expected) {
        return new IllegalArgumentException(String.format(ERR_MEMBER, name, expected));
    }
}
