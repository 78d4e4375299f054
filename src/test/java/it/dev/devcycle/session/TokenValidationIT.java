package it.dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.ItAuth;
import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItEnvironment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;

/**
 * Tokens that must not get in: expired, tampered, unsigned, signed by another key, HS256 keyed with the server's public
 * key, a key embedded in the header, wrong claims even under the server's own signature, not a JWT at all.
 */
class TokenValidationIT {

    @RegisterExtension
    static final ItClient http = new ItClient();

    @Test
    void anExpiredTokenIsRefused() {
        String token;
        try (Response r = http.loginResponse(ItAuth.plainUser(), ItAuth.plainPassword(), 4)) {
            assertEquals(200, r.getStatus());
            token = r.readEntity(JsonObject.class).getString("token");
        }
        assertEquals(200, sessionsStatus(token), "valid while not expired");
        // exp is 4 s away and the ITs' server accepts 1 s of clock skew.
        assertTrue(ItEnvironment.eventually(Duration.ofSeconds(15), () -> sessionsStatus(token) == 401),
                "an expired token must be refused");
    }

    @Test
    void aTamperedTokenIsRefused() {
        JwtParts user = JwtParts.of(http.userToken());
        JsonObject promoted = Json.createObjectBuilder(user.payload())
                .add("groups", Json.createArrayBuilder().add("admin").add("user"))
                .build();
        String forged = user.withPayload(promoted).compact();

        assertEquals(401, sessionsStatus(forged));
        assertEquals(401, putStatus(forged), "no admin write with a self-promoted token");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        JwtParts admin = JwtParts.of(http.adminToken());
        JsonObject none = Json.createObjectBuilder().add("alg", "none").add("typ", "JWT").build();
        String unsigned = admin.withHeader(none).withSignature("").compact();

        assertEquals(401, sessionsStatus(unsigned));
        assertEquals(401, putStatus(unsigned));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws GeneralSecurityException {
        JwtParts admin = JwtParts.of(http.adminToken());
        String forged = signed(admin, foreignKeys().getPrivate(), "SHA256withRSA");

        assertEquals(401, sessionsStatus(forged));
        assertEquals(401, putStatus(forged));
    }

    @Test
    void hs256KeyedWithTheServersPublicKeyIsRefused() throws Exception {
        JwtParts admin = JwtParts.of(http.adminToken());
        byte[] publicKey = serverKey().getCertificate("default").getPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(publicKey) + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : List.of(publicKey, pem.getBytes(StandardCharsets.US_ASCII))) {
            JwtParts hs = admin.withHeader(Json.createObjectBuilder().add("alg", "HS256").add("typ", "JWT").build())
                    .withSignature("");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String forged = hs.withSignature(JwtParts.encode(mac.doFinal(
                    hs.signingInput().getBytes(StandardCharsets.US_ASCII)))).compact();
            assertEquals(401, sessionsStatus(forged));
            assertEquals(401, putStatus(forged));
        }
    }

    @Test
    void aKeyEmbeddedInTheHeaderIsNotTrusted() throws GeneralSecurityException {
        JwtParts admin = JwtParts.of(http.adminToken());
        KeyPair foreign = foreignKeys();
        java.security.interfaces.RSAPublicKey pub = (java.security.interfaces.RSAPublicKey) foreign.getPublic();
        JsonObject jwk = Json.createObjectBuilder().add("kty", "RSA")
                .add("n", JwtParts.encode(unsigned(pub.getModulus().toByteArray())))
                .add("e", JwtParts.encode(pub.getPublicExponent().toByteArray())).build();
        for (JsonObject header : List.of(
                Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").add("jwk", jwk).build(),
                Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT")
                        .add("jku", "http://127.0.0.1:1/jwks.json").build())) {
            String forged = signed(admin.withHeader(header), foreign.getPrivate(), "SHA256withRSA");
            assertEquals(401, sessionsStatus(forged), header.toString());
            assertEquals(401, putStatus(forged), header.toString());
        }
    }

    @Test
    void theServersOwnKeyDoesNotMakeAnyTokenAcceptable() throws Exception {
        // Signed with the real private key (read from the server's keystore), so only the claims are wrong.
        JwtParts admin = JwtParts.of(http.adminToken());
        PrivateKey key = (PrivateKey) serverKey().getKey("default", KEYSTORE_PASSWORD.toCharArray());
        assertEquals(200, sessionsStatus(signed(admin, key, "SHA256withRSA")), "the harness signs like the server");
        Map<String, JsonObject> payloads = new java.util.LinkedHashMap<>();
        payloads.put("another issuer", Json.createObjectBuilder(admin.payload()).add("iss", "someone-else").build());
        payloads.put("another audience", Json.createObjectBuilder(admin.payload()).add("aud", "other").build());
        payloads.put("no session claim", Json.createObjectBuilder(admin.payload()).remove("sid").build());
        payloads.put("an invented session", Json.createObjectBuilder(admin.payload())
                .add("sid", "0123456789abcdef0123456789abcdef0123456789abcdef").build());
        payloads.put("expired", Json.createObjectBuilder(admin.payload())
                .add("exp", Instant.now().minusSeconds(60).getEpochSecond()).build());
        payloads.put("no expiry", Json.createObjectBuilder(admin.payload()).remove("exp").build());
        payloads.put("another user's name on this session", Json.createObjectBuilder(admin.payload())
                .add("upn", ItAuth.plainUser()).build());
        for (Map.Entry<String, JsonObject> p : payloads.entrySet()) {
            String forged = signed(admin.withPayload(p.getValue()), key, "SHA256withRSA");
            assertEquals(401, sessionsStatus(forged), p.getKey());
        }
        JsonObject rs512 = Json.createObjectBuilder(admin.header()).add("alg", "RS512").build();
        assertEquals(401, sessionsStatus(signed(admin.withHeader(rs512), key, "SHA512withRSA")), "RS512: RS256 only");
    }

    private static final String KEYSTORE_PASSWORD = "devcycle-dev-keystore";

    private static KeyStore serverKey() throws Exception {
        Path file = Path.of(System.getProperty("it.server.logs")).getParent().resolve("resources/security/key.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        return store;
    }

    private static String signed(JwtParts parts, PrivateKey key, String algorithm) throws GeneralSecurityException {
        JwtParts unsignedCopy = parts.withSignature("");
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(key);
        signature.update(unsignedCopy.signingInput().getBytes(StandardCharsets.US_ASCII));
        return unsignedCopy.withSignature(JwtParts.encode(signature.sign())).compact();
    }

    private static KeyPair foreignKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
                : twosComplement;
    }

    @Test
    void garbageIsRefusedNotIgnored() {
        assertEquals(401, sessionsStatus("not-a-jwt"));
        // Even on a read anyone may do: a bad token is an error, not anonymity.
        try (Response r = http.as("not-a-jwt", "api/cache/stats").get()) {
            assertEquals(401, r.getStatus());
        }
    }

    private static int sessionsStatus(String token) {
        return http.status(token, "api/auth/sessions");
    }

    private int putStatus(String token) {
        try (Response r = http.as(token, "api/cache/entries/it-forged").put(Entity.json("\"forged\""))) {
            return r.getStatus();
        }
    }
}
