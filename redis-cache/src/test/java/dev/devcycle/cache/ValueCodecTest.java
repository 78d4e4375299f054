package dev.devcycle.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The codec reads a stored text fully as the requested type or not at all: what another writer stored in another
 * shape is undecodable (a miss for the caches), never a half-filled or coerced value; Python's non-finite numbers read
 * as the doubles they denote where the type holds a double.
 */
class ValueCodecTest {

    public record Load(String agentId, String status, int currentTasks, Double responseTimeMs) {
    }

    public record Named(@JsonbProperty("ID") String id, List<Integer> counts) {
    }

    public record Timing(String name, double seconds, float ratio, Double best) {
    }

    public record Wrapper(Object anything, Number number) {
    }

    public enum Colour { RED }

    static final Type MAP_OF_OBJECTS = new HashMap<String, Object>() { }.getClass().getGenericSuperclass();
    static final Type LIST_OF_STRINGS = new ArrayList<String>() { }.getClass().getGenericSuperclass();
    static final Type LIST_OF_DOUBLES = new ArrayList<Double>() { }.getClass().getGenericSuperclass();
    static final Type LIST_OF_NUMBERS = new ArrayList<Number>() { }.getClass().getGenericSuperclass();
    static final Type MAP_OF_LONGS = new HashMap<String, Long>() { }.getClass().getGenericSuperclass();
    static final Type OPTIONAL_INT = new Object() { Optional<Integer> x; }.getClass().getDeclaredFields()[0]
            .getGenericType();

    private final ValueCodec codec = new ValueCodec();

    @Test
    void writesNullMembersExplicitlyAndReadsThemBack() {
        Load load = new Load("a1", "online", 0, null);
        String json = codec.encode(load);
        assertEquals("{\"agent_id\":\"a1\",\"current_tasks\":0,\"response_time_ms\":null,\"status\":\"online\"}",
                json);
        assertEquals(load, codec.decode(json, Load.class));
    }

    @Test
    void aRecordWithMissingComponentsIsUndecodable() {
        // The Python service's load entry: its members sit under load_info, so none of the record's is present.
        assertUndecodable("{\"load_info\": {\"agent_id\": \"a1\", \"status\": \"online\"}, \"last_check\": 1.5}",
                Load.class);
        assertUndecodable("{}", Load.class);
        assertUndecodable("{\"agent_id\": \"a1\", \"status\": \"online\", \"current_tasks\": 1}", Load.class);
        // Present as null is present; extra members are ignored.
        assertEquals(new Load("a1", "online", 1, null), codec.decode("{\"agent_id\": \"a1\", \"status\": \"online\","
                + " \"current_tasks\": 1, \"response_time_ms\": null, \"extra\": [1]}", Load.class));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "string for int        | {\"agent_id\": \"a\", \"status\": \"s\", \"current_tasks\": \"3\", \"response_time_ms\": 1}",
        "fraction for int      | {\"agent_id\": \"a\", \"status\": \"s\", \"current_tasks\": 1.5, \"response_time_ms\": 1}",
        "number for String     | {\"agent_id\": 5, \"status\": \"s\", \"current_tasks\": 1, \"response_time_ms\": 1}",
        "boolean for String    | {\"agent_id\": \"a\", \"status\": true, \"current_tasks\": 1, \"response_time_ms\": 1}",
        "string for Double     | {\"agent_id\": \"a\", \"status\": \"s\", \"current_tasks\": 1, \"response_time_ms\": \"1\"}",
        "null for int          | {\"agent_id\": \"a\", \"status\": \"s\", \"current_tasks\": null, \"response_time_ms\": 1}",
        "out of range for int  | {\"agent_id\": \"a\", \"status\": \"s\", \"current_tasks\": 3000000000, \"response_time_ms\": 1}",
        "object for String     | {\"agent_id\": {\"a\": 1}, \"status\": \"s\", \"current_tasks\": 1, \"response_time_ms\": 1}",
        "array for the record  | [\"a\", \"s\", 1, 1]",
    })
    void aMemberOfTheWrongJsonTypeIsUndecodable(String what, String stored) {
        assertUndecodable(stored, Load.class);
    }

    @Test
    void wholeNumbersWrittenAsFloatsStillReadAsInts() {
        assertEquals(new Load("a", "s", 2, 1.0), codec.decode(
                "{\"agent_id\": \"a\", \"status\": \"s\", \"current_tasks\": 2.0, \"response_time_ms\": 1}",
                Load.class));
    }

    @Test
    void scalarsAndContainersAreNotCoerced() {
        assertUndecodable("\"x\"", Boolean.class);
        assertUndecodable("1", Boolean.class);
        assertUndecodable("\"true\"", Boolean.class);
        assertEquals(true, codec.decode("true", Boolean.class));
        assertUndecodable("[1, 2]", LIST_OF_STRINGS);
        assertUndecodable("[\"a\", true]", LIST_OF_STRINGS);
        assertEquals(List.of("a", "b"), codec.decode("[\"a\", \"b\"]", LIST_OF_STRINGS));
        assertUndecodable("{\"a\": 1.5}", MAP_OF_LONGS);
        assertEquals(Map.of("a", 2L), codec.decode("{\"a\": 2}", MAP_OF_LONGS));
        assertUndecodable("\"5\"", Integer.class);
        assertUndecodable("2.5", int.class);
        assertUndecodable("\"blue\"", Colour.class);
        assertUndecodable("0", Colour.class);
        assertEquals(Colour.RED, codec.decode("\"RED\"", Colour.class));
        assertUndecodable("\"x\"", OPTIONAL_INT);
        assertEquals(Optional.of(3), codec.decode("3", OPTIONAL_INT));
        assertUndecodable("[1, \"2\"]", int[].class);
        assertArrayEquals(new int[] {1, 2}, codec.decode("[1, 2]", int[].class));
    }

    public record Counts(Object anything, long total, java.math.BigInteger big, short small) {
    }

    @Test
    void theShapeCheckReadsPastWhatItDoesNotCheckAndStillChecksWhatFollows() {
        // Members it skips (undeclared, or untyped) hold nested objects and arrays; the checked ones come after.
        String skipped = "\"extra\": {\"a\": [1, {\"b\": [[], {}]}], \"c\": \"x\"}, \"anything\": [{\"d\": [2]}, 3], ";
        assertEquals(7L, codec.<Counts>decode("{" + skipped
                + "\"total\": 7, \"big\": 10, \"small\": 1}", Counts.class).total());
        assertUndecodable("{" + skipped + "\"total\": \"7\", \"big\": 10, \"small\": 1}", Counts.class);
        assertUndecodable("{" + skipped + "\"total\": 7, \"big\": 10, \"small\": 40000}", Counts.class);
        // Whole numbers past a long's 18 safe digits, exponents, negatives: by value, not by spelling.
        assertEquals(9223372036854775807L, codec.<Counts>decode("{\"anything\": null, \"total\": 9223372036854775807, "
                + "\"big\": 123456789012345678901234567890, \"small\": -2}", Counts.class).total());
        assertUndecodable("{\"anything\": null, \"total\": 9223372036854775808, \"big\": 1, \"small\": 1}",
                Counts.class);
        assertEquals(200L, codec.<Counts>decode("{\"anything\": 1, \"total\": 200.00, \"big\": 10, \"small\": -3}",
                Counts.class).total());
        assertUndecodable("{\"anything\": 1, \"total\": 1e400, \"big\": 1, \"small\": 1}", Counts.class);
        assertUndecodable("{\"anything\": 1, \"total\": 1, \"big\": 1.5, \"small\": 1}", Counts.class);
        // One JSON value and nothing after it.
        assertUndecodable("{\"anything\": 1, \"total\": 1, \"big\": 1, \"small\": 1} {}", Counts.class);
        assertUndecodable("[\"a\"] 3", LIST_OF_STRINGS);
    }

    @Test
    void recordMembersAreFoundByTheirJsonNames() {
        assertEquals(new Named("x", List.of(1)), codec.decode("{\"ID\": \"x\", \"counts\": [1]}", Named.class));
        assertUndecodable("{\"ID\": 7, \"counts\": [1]}", Named.class);
        assertUndecodable("{\"ID\": \"x\", \"counts\": [\"1\"]}", Named.class);
    }

    @Test
    void untypedReadsKeepWhatPythonWrote() {
        Map<String, Object> map = codec.decode("{\"a\": \"1\", \"b\": [true, null], \"c\": {\"d\": 1.5}}",
                MAP_OF_OBJECTS);
        assertEquals("1", map.get("a"));
        assertEquals(java.util.Arrays.asList(true, null), map.get("b"));
        assertEquals("hello", codec.decode("hello", Object.class), "not JSON: the raw text, as Python's fallback");
        assertEquals(jakarta.json.Json.createValue("hello"), codec.decode("hello", JsonValue.class));
    }

    @Test
    void pythonNonFiniteNumbersReadAsDoublesWhereTheTypeHoldsOne() {
        assertTrue(Double.isNaN(codec.<Double>decode("NaN", Double.class)));
        assertEquals(Double.POSITIVE_INFINITY, codec.<Double>decode("Infinity", double.class));
        assertEquals(Float.NEGATIVE_INFINITY, codec.<Float>decode("-Infinity", Float.class));
        assertTrue(Double.isNaN(((Double) codec.decode("NaN", Object.class))));
        assertEquals(Double.NEGATIVE_INFINITY, codec.<Number>decode("-Infinity", Number.class));

        Map<String, Object> map = codec.decode("{\"x\": NaN, \"y\": [Infinity, -Infinity, 1], \"s\": \"NaN\","
                + " \"t\": \"a \\\" NaN\"}", MAP_OF_OBJECTS);
        assertTrue(Double.isNaN((Double) map.get("x")));
        assertEquals(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, BigDecimal.ONE), map.get("y"));
        assertEquals("NaN", map.get("s"), "a string stays the string it is");
        assertEquals("a \" NaN", map.get("t"));
        assertInstanceOf(HashMap.class, map);

        Map<String, Object> viaObject = codec.decode("{\"x\": Infinity}", Object.class);
        assertEquals(Double.POSITIVE_INFINITY, viaObject.get("x"));
        assertEquals(List.of(Double.NaN, 2.5), codec.decode("[NaN, 2.5]", LIST_OF_DOUBLES));
        assertEquals(List.of(Double.POSITIVE_INFINITY, new BigDecimal("3")), codec.decode("[Infinity, 3]",
                LIST_OF_NUMBERS));

        Timing timing = codec.decode("{\"name\": \"NaN\", \"seconds\": NaN, \"ratio\": Infinity, \"best\": -Infinity}",
                Timing.class);
        assertEquals("NaN", timing.name());
        assertTrue(Double.isNaN(timing.seconds()));
        assertEquals(Float.POSITIVE_INFINITY, timing.ratio());
        assertEquals(Double.NEGATIVE_INFINITY, timing.best());
    }

    @Test
    void aNonFiniteNumberWhereTheTypeHoldsNoneIsUndecodableNeverText() {
        assertUndecodable("NaN", Integer.class);
        assertUndecodable("Infinity", BigDecimal.class);
        assertUndecodable("NaN", Boolean.class);
        assertUndecodable("NaN", JsonValue.class);
        assertUndecodable("[NaN]", LIST_OF_STRINGS);
        assertUndecodable("{\"agent_id\": \"a\", \"status\": NaN, \"current_tasks\": 1, \"response_time_ms\": 1}",
                Load.class);
        assertUndecodable("{\"name\": NaN, \"seconds\": 1, \"ratio\": 1, \"best\": 1}", Timing.class);
        // Inside a record, Object and Number members are bound by JSON-B, which has no such number for them.
        assertUndecodable("{\"anything\": NaN, \"number\": 1}", Wrapper.class);
        assertEquals("NaN", codec.decode("NaN", String.class), "a String is always the raw text");
        assertNull(codec.decode("null", Double.class));
    }

    @Test
    void textThatOnlyLooksLikeANonFiniteNumberIsNotJson() {
        assertEquals("NaNa", codec.decode("NaNa", Object.class));
        assertEquals("Infinity and beyond", codec.decode("Infinity and beyond", Object.class));
        assertUndecodable("NaNa", Double.class);
    }

    private void assertUndecodable(String stored, Type type) {
        assertThrows(UndecodableValueException.class, () -> codec.decode(stored, type),
                () -> stored + " as " + type.getTypeName());
    }
}
