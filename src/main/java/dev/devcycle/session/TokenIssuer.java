package dev.devcycle.session;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.ibm.websphere.security.jwt.InvalidBuilderException;
import com.ibm.websphere.security.jwt.InvalidClaimException;
import com.ibm.websphere.security.jwt.JwtBuilder;
import com.ibm.websphere.security.jwt.JwtException;
import com.ibm.websphere.security.jwt.JwtToken;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs tokens with Liberty's JWT builder ({@code jwtBuilder id="devcycleJwtBuilder"} in server.xml: RS256 with the
 * server keystore's private key, issuer and audience). The private key never enters the application.
 */
@ApplicationScoped
public class TokenIssuer {

    static final String BUILDER_ID = "devcycleJwtBuilder";

    /**
     * A signed token: {@code sub} and {@code upn} the user, {@code groups}, {@code sid}, {@code iat}, {@code exp}. No
     * {@code jti}: Liberty's JWT consumer accepts a token with a {@code jti} only once (replay detection meant for
     * one-time assertions), and a bearer token is sent with every request; {@code sid} identifies the session.
     */
    public String issue(String userId, Set<String> groups, String sessionId, Instant expiresAt) {
        try {
            JwtToken token = JwtBuilder.create(BUILDER_ID)
                    .subject(userId)
                    .claim("upn", userId)
                    .claim("groups", List.copyOf(groups))
                    .claim(Caller.SESSION_CLAIM, sessionId)
                    .expirationTime(expiresAt.getEpochSecond())
                    .jwtId(false)
                    .buildJwt();
            return token.compact();
        } catch (JwtException | InvalidBuilderException | InvalidClaimException e) {
            throw new IllegalStateException("JWT builder " + BUILDER_ID + " failed: " + e.getMessage(), e);
        }
    }
}
