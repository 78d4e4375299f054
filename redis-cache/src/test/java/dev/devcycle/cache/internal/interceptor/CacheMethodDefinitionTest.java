package dev.devcycle.cache.internal.interceptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.devcycle.cache.CacheKey;
import dev.devcycle.cache.CachePut;
import dev.devcycle.cache.CacheResult;
import dev.devcycle.cache.internal.CacheKeyRenderer;

/** The key rules and the deployment checks, without a container. */
class CacheMethodDefinitionTest {

    @SuppressWarnings("unused")
    static class Methods<T> {
        @CacheResult(cacheName = "c") public String none() { return ""; }
        @CacheResult(cacheName = "c") public String one(String id) { return ""; }
        @CacheResult(cacheName = "c") public String all(String a, int b) { return ""; }
        @CacheResult(cacheName = "c") public String marked(String a, @CacheKey int b) { return ""; }
        @CacheResult(cacheName = "c") public String markedTwo(@CacheKey String a, Object ignored, @CacheKey long c) {
            return ""; }
        @CacheResult(cacheName = "c") public Optional<List<String>> optional(String id) { return Optional.empty(); }
        @CacheResult(cacheName = "c") public CompletableFuture<Integer> stage(String id) { return null; }
        @CacheResult(cacheName = "c") public void nothing(String id) { }
        @CacheResult(cacheName = "c") public String objectKey(Object id) { return ""; }
        @CacheResult(cacheName = "c", ttl = "soon") public String badTtl(String id) { return ""; }
        @CacheResult(cacheName = "") public String noName(String id) { return ""; }
        @CacheResult(cacheName = "c") public T generic(String id) { return null; }
        @CacheResult(cacheName = "c") @CachePut(cacheName = "c") public String both(String id) { return ""; }
        @CacheResult(cacheName = "c") private String hidden(String id) { return ""; }
    }

    private static Method method(String name) {
        return List.of(Methods.class.getDeclaredMethods()).stream().filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow();
    }

    private static CacheMethodDefinition definition(String name) {
        return CacheMethodDefinition.of(method(name));
    }

    @Test
    void keyRules() {
        assertEquals(CacheKeyRenderer.DEFAULT_KEY, definition("none").key(new Object[] {}));
        assertEquals("a-1", definition("one").key(new Object[] {"a-1"}));
        assertEquals("x:2", definition("all").key(new Object[] {"x", 2}));
        assertEquals("2", definition("marked").key(new Object[] {"x", 2}));
        assertArrayEquals(new int[] {0, 2}, definition("markedTwo").keyPositions());
        assertEquals("x:3", definition("markedTwo").key(new Object[] {"x", new Object(), 3L}));
    }

    @Test
    void valueTypesOfWrappers() {
        assertEquals(ReturnKind.OPTIONAL, definition("optional").returnKind());
        assertEquals("java.util.List<java.lang.String>", definition("optional").valueType().getTypeName());
        assertEquals(ReturnKind.STAGE, definition("stage").returnKind());
        assertEquals(Integer.class, definition("stage").valueType());
    }

    @Test
    void unusableMethodsAreDefinitionErrorsNamingTheMethod() {
        for (String name : List.of("nothing", "objectKey", "badTtl", "noName", "generic", "both", "hidden")) {
            CacheDefinitionException e = assertThrows(CacheDefinitionException.class, () -> definition(name));
            assertTrue(e.getMessage().contains("Methods." + name + "("), e.getMessage());
        }
    }
}
