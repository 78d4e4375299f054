package dev.devcycle.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonValue;

/** Bodies parsed whole, booleans read strictly, content types and body sizes checked before anything reads. */
class StrictInputTest {

    @Test
    void aBodyIsExactlyOneJsonValue() {
        assertEquals(Json.createObjectBuilder().add("a", 1).build(), JsonText.parseWhole("{\"a\":1}"));
        assertEquals(JsonValue.TRUE, JsonText.parseWhole(" \r\n\ttrue \n"));
        assertEquals(Json.createValue("x"), JsonText.parseWhole("\"x\""));
        for (String body : List.of("{\"a\":1} x", "{\"a\":1}x", "{} {}", "[1]]", "\"a\"\"b\"", "1 2", "null x",
                "{\"a\":1}//c", "{\"a\":1},", "true false", "{\"a\":1}\u0000", "", "   ", "{")) {
            assertThrows(InvalidRequestException.class, () -> JsonText.parseWhole(body), body);
        }
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertThrows(InvalidRequestException.class, () -> JsonText.parseWhole(deep), "nested beyond the limit");
    }

    @Test
    void booleansAreTrueOrFalseOnly() {
        assertFalse(BooleanParameter.parse("dry_run", null));
        assertFalse(BooleanParameter.parse("dry_run", List.of()));
        assertTrue(BooleanParameter.parse("dry_run", List.of("true")));
        assertFalse(BooleanParameter.parse("dry_run", List.of("false")));
        for (String v : List.of("1", "0", "yes", "no", "on", "off", "TRUE", "True", "FALSE", " true", "true ", "",
                "t", "y", "truee", "null")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> BooleanParameter.parse("dry_run", List.of(v)), v);
            assertTrue(e.getMessage().contains("dry_run"), e.getMessage());
        }
        assertThrows(InvalidRequestException.class,
                () -> BooleanParameter.parse("dry_run", Arrays.asList("false", "true")), "given twice");
        assertThrows(InvalidRequestException.class,
                () -> BooleanParameter.parse("dry_run", Arrays.asList("true", "true")), "given twice");
    }

    @Test
    void contentTypesAreParsedAndCharsetsKnown() {
        assertNull(RequestFormatFilter.contentTypeProblem(null));
        assertNull(RequestFormatFilter.contentTypeProblem("application/json"));
        assertNull(RequestFormatFilter.contentTypeProblem("application/json; charset=utf-8"));
        assertNull(RequestFormatFilter.contentTypeProblem("application/json;charset=ISO-8859-1"));
        for (String type : List.of("application/json; charset=foo", "application/json; charset=utf-9",
                "application/json; charset=\"\"", "application/json; charset=x!y")) {
            assertEquals(RequestFormatFilter.ERR_CHARSET, RequestFormatFilter.contentTypeProblem(type), type);
        }
        for (String type : List.of("garbage", "/", "application/", "a/b/c", "application/json; =x",
                "application/json;q=x", "application/json; q=2", "application/json; q=NaN", "application/json;q=1e0")) {
            assertEquals(RequestFormatFilter.ERR_CONTENT_TYPE, RequestFormatFilter.contentTypeProblem(type), type);
        }
    }

    @Test
    void acceptHeadersParseWithValidQualities() {
        assertTrue(RequestFormatFilter.acceptable(null));
        assertTrue(RequestFormatFilter.acceptable(List.of("application/json")));
        assertTrue(RequestFormatFilter.acceptable(List.of("text/html, application/json;q=0.9, */*;q=0.1")));
        assertTrue(RequestFormatFilter.acceptable(List.of("application/json", "*/*")));
        for (String accept : List.of("application/json;q=x", "*/*;q=", "text/html;q=1.5", "a/b/c", "garbage",
                "application/json;q=-1", "application/json;q=Infinity")) {
            assertFalse(RequestFormatFilter.acceptable(List.of(accept)), accept);
        }
    }

    @Test
    void aContentLengthIsOneNumberRepeatedOrNot() {
        assertEquals(31, RequestFormatFilter.contentLength(List.of("31")));
        assertEquals(31, RequestFormatFilter.contentLength(List.of("31", "31")), "Liberty's HTTP/2 repeats it");
        assertEquals(31, RequestFormatFilter.contentLength(List.of("31, 31")));
        for (List<String> bad : List.of(List.of("31", "32"), List.of("1x"), List.of(""), List.of("-1"),
                List.of("31, 32"), List.of("0x10"), List.of("99999999999999999999"))) {
            assertEquals(-1, RequestFormatFilter.contentLength(bad), bad.toString());
        }
    }

    @Test
    void aBodyIsReadNoFurtherThanOneBytePastItsLimit() throws IOException {
        byte[] body = new byte[10_000];
        CountingStream source = new CountingStream(body);
        var limited = new RequestFormatFilter.LimitedInputStream(source, 100);
        RequestBodyTooLargeException e = assertThrows(RequestBodyTooLargeException.class, limited::readAllBytes);
        assertEquals("request body exceeds the limit of 100 bytes", e.getMessage());
        assertTrue(source.read <= 101, "read " + source.read + " bytes of a 100-byte limit");

        var exact = new RequestFormatFilter.LimitedInputStream(new ByteArrayInputStream(new byte[100]), 100);
        assertEquals(100, exact.readAllBytes().length, "exactly the limit is fine");
        var single = new RequestFormatFilter.LimitedInputStream(new ByteArrayInputStream(new byte[5]), 3);
        single.read();
        single.read();
        single.read();
        assertThrows(RequestBodyTooLargeException.class, single::read);
    }

    /** Counts what was actually pulled from the source. */
    private static final class CountingStream extends ByteArrayInputStream {
        int read;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }
    }
}
