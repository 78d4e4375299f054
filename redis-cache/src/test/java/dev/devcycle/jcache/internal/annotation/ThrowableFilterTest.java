package dev.devcycle.jcache.internal.annotation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

/** The four exception rules of the annotations' javadoc, and the default key's contract. */
class ThrowableFilterTest {

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] types(Class<?>... types) {
        return (Class<? extends Throwable>[]) types;
    }

    @Test
    void bothListsEmptyGiveTheAnnotationsDefault() {
        assertTrue(new ThrowableFilter(types(), types(), true).test(new RuntimeException()));
        assertFalse(new ThrowableFilter(types(), types(), false).test(new RuntimeException()));
    }

    @Test
    void onlyAnIncludeListSelectsItsInstances() {
        ThrowableFilter filter = new ThrowableFilter(types(IllegalStateException.class), types(), true);
        assertTrue(filter.test(new IllegalStateException()));
        assertFalse(filter.test(new IllegalArgumentException()));
    }

    @Test
    void onlyAnExcludeListSelectsEverythingElse() {
        ThrowableFilter filter = new ThrowableFilter(types(), types(UncheckedIOException.class), false);
        assertFalse(filter.test(new UncheckedIOException(new IOException())));
        assertTrue(filter.test(new IllegalStateException()));
    }

    @Test
    void bothListsSelectIncludedAndNotExcluded() {
        ThrowableFilter filter = new ThrowableFilter(types(RuntimeException.class),
                types(IllegalArgumentException.class), false);
        assertTrue(filter.test(new IllegalStateException()));
        assertFalse(filter.test(new NumberFormatException()), "a subclass of an excluded type is excluded");
        assertFalse(filter.test(new IOException()));
    }

    @Test
    void theDefaultKeyIsEqualByDeepValuesAndSurvivesSerialization() throws Exception {
        ParameterValuesKey key = new ParameterValuesKey("a", new int[] {1, 2}, null);
        ParameterValuesKey same = new ParameterValuesKey("a", new int[] {1, 2}, null);
        assertTrue(key.equals(same) && key.hashCode() == same.hashCode());
        assertFalse(key.equals(new ParameterValuesKey("a", new int[] {1, 3}, null)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(key);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertTrue(key.equals(in.readObject()));
        }
    }
}
