package dev.devcycle.session;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import com.ibm.websphere.security.jwt.InvalidConsumerException;
import com.ibm.websphere.security.jwt.InvalidTokenException;
import com.ibm.websphere.security.jwt.JwtConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import dev.devcycle.json.Jsonp;

/**
 * Verifies a bearer token with Liberty's JWT consumer ({@code jwtConsumer id="devcycleJwtConsumer"} in server.xml:
 * RS256 with the certificate of the key the builder signs with, issuer, audience, expiry), called by the
 * application rather than by a server-wide interceptor, so the application decides what text it is given.
 *
 * <p>Liberty records the text of a token it rejects (its FFDC incident and the incident's message). So only a single
 * canonical token ({@link BearerToken}) is passed to it, and a token whose own {@code exp} says it can no longer be
 * accepted is refused before, unverified: refusing needs no trust. What Liberty can still record is the exact text of
 * a token whose signature does not verify, which is no credential.
 */
@ApplicationScoped
public class TokenVerifier {

    static final String CONSUMER_ID = "devcycleJwtConsumer";

    Clock clock = Clock.systemUTC();

    /** Made once: {@code JwtConsumer.create} is synchronized, and every authenticated request verifies a token. */
    private volatile JwtConsumer consumer;

    /** The caller of a valid token of this service's login; empty for anything else. */
    public Optional<Caller> verify(String token) {
        Optional<Instant> expiry = unverifiedExpiry(token);
        if (expiry.isEmpty()
                || !clock.instant().isBefore(AuthorizationFilter.acceptedUntil(expiry.get()))) {
            return Optional.empty();
        }
        try {
            return Caller.of(consumer().createJwt(token).getClaims(), token);
        } catch (InvalidTokenException e) {
            // Never logged: the message may quote the token.
            return Optional.empty();
        } catch (InvalidConsumerException e) {
            throw new IllegalStateException("JWT consumer " + CONSUMER_ID + " is not configured", e);
        }
    }

    private JwtConsumer consumer() throws InvalidConsumerException {
        JwtConsumer c = consumer;
        if (c == null) {
            c = JwtConsumer.create(CONSUMER_ID);
            consumer = c;
        }
        return c;
    }

    /** The {@code exp} of a canonical compact JWS, read without verifying it; empty when it has none. */
    static Optional<Instant> unverifiedExpiry(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            try (JsonReader reader = Jsonp.reader(new String(payload, StandardCharsets.UTF_8))) {
                JsonValue exp = reader.readObject().get("exp");
                return exp instanceof JsonNumber n && n.isIntegral()
                        ? Optional.of(Instant.ofEpochSecond(n.longValue())) : Optional.empty();
            }
        } catch (RuntimeException e) {
            // Not base64, not JSON, not an object, a number out of range: not a token of this service.
            return Optional.empty();
        }
    }
}
