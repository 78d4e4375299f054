package dev.devcycle.session;

import java.util.Base64;

/**
 * Whether a compact JWS is written the one way its issuer writes it: three parts of unpadded base64url (RFC 7515
 * section 2), each exactly the encoding of the bytes it decodes to.
 *
 * <p>Why it matters: a verifier's base64 decoder accepts many texts for the same bytes (padding, the standard
 * alphabet's {@code +} and {@code /}, characters it skips, non-zero unused bits in the last character), and the
 * signature only covers the first two parts as sent; the signature part itself can be rewritten freely. Anything that
 * keys on the token's text, as the Python services' {@code jwt_blacklist:{sha256 of the text}} does, would then miss a
 * re-encoded copy. Refusing every other text makes the text a function of what the signature covers again.
 * Hand-written because no JWT library exposes this check; the JDK's own encoder defines the canonical form.
 */
final class CanonicalToken {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private CanonicalToken() {
    }

    static boolean isCanonical(String token) {
        if (token == null) {
            return false;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return false;
        }
        return isCanonicalPart(token.substring(0, first)) && isCanonicalPart(token.substring(first + 1, second))
                && isCanonicalPart(token.substring(second + 1));
    }

    /** Non-empty, only the URL-safe alphabet, and the exact re-encoding of its bytes (no stray bits, no padding). */
    private static boolean isCanonicalPart(String part) {
        if (part.isEmpty()) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        try {
            return ENCODER.encodeToString(DECODER.decode(part)).equals(part);
        } catch (IllegalArgumentException e) {
            // A length the alphabet cannot produce (one character left over).
            return false;
        }
    }
}
