package dev.devcycle.session;

import java.util.List;
import java.util.Optional;

/**
 * The one bearer token of a request, read strictly before any token parser sees it: exactly one
 * {@code Authorization} header, the scheme {@code Bearer} (in any case, RFC 7235), one space, and a compact JWS in
 * its canonical encoding ({@link CanonicalToken}). Anything else — two headers, two tokens folded into one header
 * ({@code Bearer A, Bearer B}), another scheme, a re-encoded token — is refused here, so no text that merely contains
 * a valid token ever reaches a parser that might log what it could not parse.
 */
final class BearerToken {

    private static final String SCHEME = "Bearer ";

    /** What the request carries. */
    enum Kind {
        /** No Authorization header: an anonymous request. */
        NONE,
        /** One bearer token in its canonical encoding: {@link Parsed#token()}. */
        TOKEN,
        /** A compact JWS written in a non-canonical encoding. */
        NOT_CANONICAL,
        /** Anything else. */
        MALFORMED
    }

    record Parsed(Kind kind, Optional<String> token) {
    }

    private BearerToken() {
    }

    static Parsed of(List<String> authorizationHeaders) {
        if (authorizationHeaders == null || authorizationHeaders.isEmpty()) {
            return new Parsed(Kind.NONE, Optional.empty());
        }
        if (authorizationHeaders.size() != 1) {
            return malformed();
        }
        String header = authorizationHeaders.get(0);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return malformed();
        }
        // Optional white space around a header value is no part of it (RFC 9110 5.5), nor are extra spaces after the
        // scheme (RFC 6750: 1*SP).
        String token = trimSpaceAndTab(header.substring(SCHEME.length()));
        if (CanonicalToken.isCanonical(token)) {
            return new Parsed(Kind.TOKEN, Optional.of(token));
        }
        // Three parts that would decode, written another way (padding, alphabet, stray characters): say so.
        return token.chars().filter(c -> c == '.').count() == 2 && token.chars().noneMatch(c -> c == ',' || c == ' ')
                ? new Parsed(Kind.NOT_CANONICAL, Optional.empty()) : malformed();
    }

    private static String trimSpaceAndTab(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    private static Parsed malformed() {
        return new Parsed(Kind.MALFORMED, Optional.empty());
    }
}
