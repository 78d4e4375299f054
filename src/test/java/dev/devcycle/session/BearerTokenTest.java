package dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Every other way of writing a token's text that a lenient base64 decoder reads as the same bytes is refused, so
 * nothing keyed on the text (the Python services' blacklist) can be bypassed by re-encoding, and no text that merely
 * contains a token reaches a parser that logs what it rejects.
 */
class BearerTokenTest {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    /** header.payload.signature with a 256-byte signature (342 characters, 2 unused bits in the last one). */
    static final String TOKEN = token(256);

    static String token(int signatureBytes) {
        byte[] signature = new byte[signatureBytes];
        new Random(7).nextBytes(signature);
        return URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString("{\"upn\":\"alice\",\"sid\":\"s\",\"exp\":1}".getBytes(StandardCharsets.UTF_8))
                + "." + URL.encodeToString(signature);
    }

    @Test
    void theIssuersOwnEncodingIsCanonical() {
        assertTrue(CanonicalToken.isCanonical(TOKEN));
        for (int n = 1; n <= 6; n++) {
            assertTrue(CanonicalToken.isCanonical(token(n)), "signature of " + n + " bytes");
        }
    }

    @Test
    void everyReEncodingOfTheSameBytesIsRefused() {
        String[] parts = TOKEN.split("\\.");
        Map<String, String> variants = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            if (parts[i].length() % 4 != 0) {
                variants.put("padding on part " + i, with(parts, i, pad(parts[i])));
            }
            variants.put("one '=' too many on part " + i, with(parts, i, parts[i] + "="));
            variants.put("standard alphabet on part " + i, with(parts, i, standard(parts[i])));
            variants.put("a space inside part " + i, with(parts, i, insert(parts[i], " ")));
            variants.put("a tab inside part " + i, with(parts, i, insert(parts[i], "\t")));
            variants.put("a line break inside part " + i, with(parts, i, insert(parts[i], "\r\n")));
            variants.put("a '!' inside part " + i, with(parts, i, insert(parts[i], "!")));
            variants.put("a '.'-free '*' inside part " + i, with(parts, i, insert(parts[i], "*")));
            variants.put("a NUL inside part " + i, with(parts, i, insert(parts[i], "\u0000")));
            variants.put("a non-ASCII letter inside part " + i, with(parts, i, insert(parts[i], "é")));
            String flipped = unusedBitsSet(parts[i]);
            if (flipped != null) {
                variants.put("unused bits set in the last character of part " + i, with(parts, i, flipped));
            }
        }
        variants.put("a fourth part", TOKEN + ".");
        variants.put("an empty signature", parts[0] + "." + parts[1] + ".");
        variants.put("a length no encoder writes (4n+1)", TOKEN + "AAA");
        variants.put("two tokens folded", TOKEN + ", Bearer " + TOKEN);
        variants.put("lower-cased", TOKEN.toLowerCase(java.util.Locale.ROOT));
        for (Map.Entry<String, String> v : variants.entrySet()) {
            assertFalse(v.getValue().equals(TOKEN), v.getKey() + " is a variant");
            assertFalse(CanonicalToken.isCanonical(v.getValue()), v.getKey());
            assertFalse(BearerToken.of(List.of("Bearer " + v.getValue())).kind() == BearerToken.Kind.TOKEN,
                    v.getKey());
        }
        // The variants decode to the very bytes of the token: a lenient decoder would have accepted them.
        assertEquals(decodeLeniently(parts[2]), decodeLeniently(standard(pad(parts[2]))));
    }

    @Test
    void theHeaderMustCarryExactlyOneBearerToken() {
        assertEquals(BearerToken.Kind.NONE, BearerToken.of(null).kind());
        assertEquals(BearerToken.Kind.NONE, BearerToken.of(List.of()).kind());
        assertEquals(Optional.of(TOKEN), BearerToken.of(List.of("Bearer " + TOKEN)).token());
        // The scheme is case-insensitive (RFC 9110 11.1); white space around the value is no part of it.
        assertEquals(Optional.of(TOKEN), BearerToken.of(List.of("bEARER " + TOKEN)).token());
        assertEquals(Optional.of(TOKEN), BearerToken.of(List.of("Bearer   " + TOKEN + " \t")).token());

        for (List<String> headers : List.of(List.of("Bearer " + TOKEN, "Bearer " + TOKEN),
                List.of("Bearer " + TOKEN + ", Bearer " + TOKEN), List.of("Bearer garbage, Bearer " + TOKEN),
                List.of("Bearer " + TOKEN + ",Bearer x"), List.of("Bearer " + TOKEN + " Bearer x"),
                List.of("Basic YWxpY2U6c2VjcmV0"), List.of("Bearer"), List.of("Bearer "), List.of(""),
                List.of("Token " + TOKEN), List.of("Bearer\t" + TOKEN), List.of(TOKEN))) {
            BearerToken.Kind kind = BearerToken.of(headers).kind();
            assertTrue(kind == BearerToken.Kind.MALFORMED || kind == BearerToken.Kind.NOT_CANONICAL,
                    headers + " -> " + kind);
        }
        assertEquals(BearerToken.Kind.NOT_CANONICAL, BearerToken.of(List.of("Bearer " + TOKEN + "=")).kind());
    }

    private static String with(String[] parts, int index, String replacement) {
        String[] copy = parts.clone();
        copy[index] = replacement;
        return String.join(".", copy);
    }

    private static String pad(String part) {
        return part + "=".repeat((4 - part.length() % 4) % 4);
    }

    private static String standard(String part) {
        return part.replace('-', '+').replace('_', '/').equals(part)
                ? part.substring(0, part.length() - 4) + "+/" + part.substring(part.length() - 2)
                : part.replace('-', '+').replace('_', '/');
    }

    private static String insert(String part, String text) {
        return part.substring(0, 5) + text + part.substring(5);
    }

    /** The last character with one of its unused low bits set, or null when the part has no unused bits. */
    private static String unusedBitsSet(String part) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        if (part.length() % 4 == 0) {
            return null;
        }
        int value = alphabet.indexOf(part.charAt(part.length() - 1));
        return part.substring(0, part.length() - 1) + alphabet.charAt(value | 1);
    }

    /** What a lenient decoder (the MIME one, which skips what is not base64) makes of a part. */
    private static String decodeLeniently(String part) {
        return java.util.HexFormat.of().formatHex(Base64.getMimeDecoder().decode(pad(part.replace('-', '+')
                .replace('_', '/'))));
    }
}
