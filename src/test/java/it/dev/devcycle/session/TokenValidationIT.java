package it.dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import it.dev.devcycle.ItAuth;
import it.dev.devcycle.ItEnvironment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;

/** Tokens that must not get in: expired, tampered, unsigned, signed by another key, not a JWT at all. */
class TokenValidationIT {

    private static Client client;

    @BeforeAll
    static void setUp() {
        client = ItEnvironment.client();
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token;
        try (Response r = ItAuth.loginResponse(client, ItAuth.plainUser(), ItAuth.plainPassword(), 4)) {
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
        JwtParts user = JwtParts.of(ItAuth.userToken(client));
        JsonObject promoted = Json.createObjectBuilder(user.payload())
                .add("groups", Json.createArrayBuilder().add("admin").add("user"))
                .build();
        String forged = user.withPayload(promoted).compact();

        assertEquals(401, sessionsStatus(forged));
        assertEquals(401, putStatus(forged), "no admin write with a self-promoted token");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        JwtParts admin = JwtParts.of(ItAuth.adminToken(client));
        JsonObject none = Json.createObjectBuilder().add("alg", "none").add("typ", "JWT").build();
        String unsigned = admin.withHeader(none).withSignature("").compact();

        assertEquals(401, sessionsStatus(unsigned));
        assertEquals(401, putStatus(unsigned));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws GeneralSecurityException {
        JwtParts admin = JwtParts.of(ItAuth.adminToken(client));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair foreign = generator.generateKeyPair();
        JwtParts unsignedCopy = admin.withSignature("");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(foreign.getPrivate());
        rs256.update(unsignedCopy.signingInput().getBytes(StandardCharsets.US_ASCII));
        String forged = unsignedCopy.withSignature(JwtParts.encode(rs256.sign())).compact();

        assertEquals(401, sessionsStatus(forged));
        assertEquals(401, putStatus(forged));
    }

    @Test
    void garbageIsRefusedNotIgnored() {
        assertEquals(401, sessionsStatus("not-a-jwt"));
        // Even on a read anyone may do: a bad token is an error, not anonymity.
        try (Response r = ItAuth.as("not-a-jwt", ItEnvironment.target(client, "api/cache/stats").request())
                .get()) {
            assertEquals(401, r.getStatus());
        }
    }

    private int sessionsStatus(String token) {
        try (Response r = ItAuth.as(token, ItEnvironment.target(client, "api/auth/sessions").request()).get()) {
            return r.getStatus();
        }
    }

    private int putStatus(String token) {
        try (Response r = ItAuth.as(token, ItEnvironment.target(client, "api/cache/entries/it-forged").request())
                .put(Entity.json("\"forged\""))) {
            return r.getStatus();
        }
    }
}
