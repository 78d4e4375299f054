package dev.devcycle.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import dev.devcycle.cache.ValueCodec;
import dev.devcycle.redis.FailureLog;

/**
 * The decode memo of {@link StoredValues}: a read whose stored text is the one decoded last time for the key gets the
 * same (deep-immutable) value without a parse, and nothing else ever does.
 */
class StoredValuesMemoTest {

    public record Entry(boolean available, String status, int load, Instant lastCheck) {
    }

    public record Other(String status) {
    }

    public record Tagged(String status, List<String> tags) {
    }

    private static final String TEXT = "{\"available\":true,\"status\":\"online\",\"load\":3,"
            + "\"last_check\":\"2026-12-01T18:00:00Z\"}";

    private final StoredValues values = new StoredValues(new ValueCodec(), 1 << 20,
            new FailureLog(Logger.getLogger(StoredValuesMemoTest.class.getName())));

    @Test
    void theSameTextOfTheSameKeyIsNotParsedAgain() {
        Object first = values.decode("k", TEXT, Entry.class);
        Object second = values.decode("k", new String(TEXT.toCharArray()), Entry.class);
        assertEquals(new Entry(true, "online", 3, Instant.parse("2026-12-01T18:00:00Z")), first);
        assertSame(first, second, "the memoized value, for an equal text read again");
        assertEquals(Set.of("k"), values.memoizedKeys());
    }

    @Test
    void aChangedTextIsDecodedAnew() {
        Object first = values.decode("k", TEXT, Entry.class);
        Object changed = values.decode("k", TEXT.replace("\"load\":3", "\"load\":4"), Entry.class);
        assertEquals(4, ((Entry) changed).load(), "what the stored text says, not the memoized value");
        assertNotSame(first, changed);
        assertSame(changed, values.decode("k", TEXT.replace("\"load\":3", "\"load\":4"), Entry.class));
    }

    @Test
    void anotherTypeOrAnotherKeyIsDecodedAnew() {
        Object entry = values.decode("k", TEXT, Entry.class);
        Object asOther = values.decode("k", TEXT, Other.class);
        assertFalse(asOther instanceof Entry, "a text memoized for one type is never answered for another: " + asOther);
        Object elsewhere = values.decode("j", TEXT, Entry.class);
        assertEquals(entry, elsewhere);
        assertNotSame(entry, elsewhere, "the memo is per key");
    }

    @Test
    void valuesThatCanBeChangedAreDecodedForEveryRead() {
        String text = "{\"status\":\"online\",\"tags\":[\"a\"]}";
        Object first = values.decode("k", text, Tagged.class);
        Object second = values.decode("k", text, Tagged.class);
        assertEquals(first, second);
        assertNotSame(first, second, "a record holding a List is decoded fresh: a caller may change its list");
        assertFalse(values.memoizedKeys().contains("k"));
    }

    @Test
    void anUnreadableTextIsNotMemoizedAndNeverHidden() {
        Object good = values.decode("k", TEXT, Entry.class);
        assertSame(StoredValues.UNREADABLE, values.decode("k", "{\"available\":\"yes\"}", Entry.class),
                "another writer's text in another shape is unreadable, whatever was memoized before");
        assertSame(StoredValues.UNREADABLE, values.decode("k", "{\"available\":\"yes\"}", Entry.class));
        assertSame(good, values.decode("k", TEXT, Entry.class),
                "the good text again: its memo entry, checked against the text, still answers for it");
    }

    @Test
    void longTextsAreNotKept() {
        String status = "x".repeat(StoredValues.MEMO_MAX_TEXT);
        Object first = values.decode("k", "{\"status\":\"" + status + "\"}", Other.class);
        assertEquals(status, ((Other) first).status());
        assertFalse(values.memoizedKeys().contains("k"), "a text over " + StoredValues.MEMO_MAX_TEXT + " chars");
    }
}
