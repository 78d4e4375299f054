package dev.devcycle.session.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenHashTest {

    @Test
    void isLowerCaseHexSha256() {
        // sha256("abc"), FIPS 180-2 test vector.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenHash.of("abc"));
    }

    @Test
    void sessionIdsAreLongRandomAndWellFormed() {
        SessionIdGenerator generator = new SessionIdGenerator();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = generator.next();
            assertEquals(48, id.length(), "192 bits as hex");
            assertTrue(SessionIdGenerator.isWellFormed(id));
            assertTrue(seen.add(id), "duplicate id " + id);
        }
        assertNotEquals(generator.next(), generator.next());
    }

    @Test
    void malformedIdsAreRejected() {
        assertFalse(SessionIdGenerator.isWellFormed(null));
        assertFalse(SessionIdGenerator.isWellFormed("abc"));
        assertFalse(SessionIdGenerator.isWellFormed("*".repeat(48)));
        assertFalse(SessionIdGenerator.isWellFormed("A".repeat(48)));
    }
}
