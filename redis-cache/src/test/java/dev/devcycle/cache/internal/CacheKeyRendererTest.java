package dev.devcycle.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CacheKeyRendererTest {

    enum Color { RED }

    record Point(int x, int y) {
    }

    record Named(String name) {
    }

    record Outer(Named inner, String tag) {
    }

    @Test
    void simpleIdsAreVerbatim() {
        assertEquals("agent-42", CacheKeyRenderer.render("agent-42"));
        assertEquals("a.b_c@d", CacheKeyRenderer.render("a.b_c@d"));
        assertEquals(CacheKeyRenderer.DEFAULT_KEY, CacheKeyRenderer.render());
    }

    @Test
    void scalarsRenderReadably() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertEquals("7:-3:2.5:true:RED:" + id + ":1000:12345678901234567890:x",
                CacheKeyRenderer.render(7, -3L, 2.5, true, Color.RED, id, new BigDecimal("1E+3"),
                        new BigInteger("12345678901234567890"), 'x'));
        assertEquals("1:2", CacheKeyRenderer.render(new Point(1, 2)));
    }

    @Test
    void separatorsAndEscapesNeverCollide() {
        List<Object[]> lists = List.of(
                new Object[] {"a:b"}, new Object[] {"a", "b"}, new Object[] {"a\\", "b"}, new Object[] {"a", "\\b"},
                new Object[] {"a\\:b"}, new Object[] {"a:", "b"}, new Object[] {"a", ":b"},
                new Object[] {null}, new Object[] {"\\N"}, new Object[] {"null"}, new Object[] {""},
                new Object[] {}, new Object[] {"\\default"}, new Object[] {"default"},
                new Object[] {null, null}, new Object[] {"", ""}, new Object[] {":"});
        Set<String> keys = new HashSet<>();
        for (Object[] list : lists) {
            assertTrue(keys.add(CacheKeyRenderer.render(list)), "collision for " + java.util.Arrays.toString(list));
        }
    }

    @Test
    void nullRecordsDifferFromRecordsOfNulls() {
        assertNotEquals(CacheKeyRenderer.render((Object) null), CacheKeyRenderer.render(new Named(null)));
        assertNotEquals(CacheKeyRenderer.render(new Outer(null, "t")),
                CacheKeyRenderer.render(new Outer(new Named(null), "t")));
        assertEquals("a\\:b:t", CacheKeyRenderer.render(new Outer(new Named("a:b"), "t")));
    }

    @Test
    void unrenderableValuesAndTypesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CacheKeyRenderer.render(List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> CacheKeyRenderer.render(new Object()));
        assertTrue(CacheKeyRenderer.unrenderableReason(Object.class).isPresent());
        assertTrue(CacheKeyRenderer.unrenderableReason(Map.class).isPresent());
        assertTrue(CacheKeyRenderer.unrenderableReason(String.class).isEmpty());
        assertTrue(CacheKeyRenderer.unrenderableReason(int.class).isEmpty());
        assertTrue(CacheKeyRenderer.unrenderableReason(Outer.class).isEmpty());
        assertTrue(CacheKeyRenderer.unrenderableReason(Color.class).isEmpty());
    }
}
