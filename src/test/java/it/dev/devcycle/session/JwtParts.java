package it.dev.devcycle.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import it.dev.devcycle.ItJson;
import jakarta.json.JsonObject;

/** The three parts of a compact JWT, for reading claims and forging bad tokens in tests. */
record JwtParts(JsonObject header, JsonObject payload, String signature) {

    static JwtParts of(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS: " + parts.length + " parts");
        }
        return new JwtParts(json(parts[0]), json(parts[1]), parts[2]);
    }

    /** The compact form of these parts, signature as given (not recomputed). */
    String compact() {
        return encode(header.toString()) + "." + encode(payload.toString()) + "." + signature;
    }

    /** The signing input, {@code base64url(header).base64url(payload)}. */
    String signingInput() {
        return encode(header.toString()) + "." + encode(payload.toString());
    }

    JwtParts withHeader(JsonObject newHeader) {
        return new JwtParts(newHeader, payload, signature);
    }

    JwtParts withPayload(JsonObject newPayload) {
        return new JwtParts(header, newPayload, signature);
    }

    JwtParts withSignature(String newSignature) {
        return new JwtParts(header, payload, newSignature);
    }

    static String encode(String json) {
        return encode(json.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static JsonObject json(String part) {
        String text = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        return ItJson.object(text);
    }
}
