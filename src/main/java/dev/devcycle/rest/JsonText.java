package dev.devcycle.rest;


import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import dev.devcycle.json.Jsonp;

/**
 * Parses a request body that must be exactly one JSON value. JSON-P's {@code JsonReader.readValue()} stops after the
 * first value and ignores whatever follows ({@code {"a":1} x}); a body with anything but whitespace after its value
 * is malformed here, so what was validated is the whole of what was sent.
 */
public final class JsonText {

    static final String ERR_TRAILING = "malformed JSON body: unexpected content after the JSON value";

    private JsonText() {
    }

    /** The one JSON value of the text; {@link InvalidRequestException} (400) for anything else. */
    public static JsonValue parseWhole(String text) {
        try (JsonParser parser = Jsonp.parser(text)) {
            if (!parser.hasNext()) {
                throw new InvalidRequestException("malformed JSON body: no JSON value");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new InvalidRequestException(ERR_TRAILING);
            }
            return value;
        } catch (JsonException e) {
            throw new InvalidRequestException("malformed JSON body: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new InvalidRequestException("malformed JSON body: " + e.getMessage());
        } catch (RuntimeException e) {
            // Parsson refuses a body nested deeper than its limit with a plain RuntimeException.
            if (ExceptionMappers.thrownByJsonParser(e)) {
                throw new InvalidRequestException("malformed JSON body: " + ExceptionMappers.rootMessage(e));
            }
            throw e;
        }
    }
}
