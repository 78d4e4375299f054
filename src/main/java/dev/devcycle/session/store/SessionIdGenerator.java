package dev.devcycle.session.store;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Session ids: 192 random bits from a {@link SecureRandom}, as 48 hex characters. A session id is a handle a caller can
 * revoke by, so it must not be guessable; hex keeps it safe in a Redis key and a URL path.
 */
public final class SessionIdGenerator {

    static final int BYTES = 24;

    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** True for a string that could be an id of this generator; anything else is rejected before reaching Redis. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != BYTES * 2) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
