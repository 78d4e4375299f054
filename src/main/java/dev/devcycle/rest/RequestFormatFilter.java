package dev.devcycle.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.List;

import dev.devcycle.cache.RedisCache;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Checks the form of every request under {@code /api} before anything reads it: a body over its endpoint's limit is a
 * 413 (by its Content-Length at once; a chunked body as soon as the limit is passed, never read whole); a Content-Type
 * or Accept header that does not parse, or whose {@code q} is no number from 0 to 1, is a 400 (the runtime's own
 * matching would fail on it with a 500); a charset the JVM does not have is a 415; all with the JSON error body. It
 * runs before the authorization filter, which never reads a body, so an anonymous upload costs no more than its limit.
 *
 * <p>Limits: the login {@value #LOGIN_LIMIT} bytes (two short strings); a cache entry twice the value limit
 * ({@code cache.max.value.bytes}, since JSON escapes can double a text) plus {@value #ENVELOPE} bytes; everything else
 * {@value #DEFAULT_LIMIT} bytes (an agent with its capabilities and metadata, or no body at all).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class RequestFormatFilter implements ContainerRequestFilter {

    static final long LOGIN_LIMIT = 8 * 1024;
    static final long DEFAULT_LIMIT = 64 * 1024;
    static final long ENVELOPE = 1024;
    static final String ERR_CONTENT_TYPE = "malformed Content-Type header";
    static final String ERR_CONTENT_LENGTH = "malformed Content-Length header";
    static final String ERR_CHARSET = "unsupported charset in Content-Type: use UTF-8";
    static final String ERR_ACCEPT = "malformed Accept header";

    @Inject
    RedisCache cache;

    @Override
    public void filter(ContainerRequestContext request) {
        String problem = contentTypeProblem(request.getHeaderString(HttpHeaders.CONTENT_TYPE));
        if (problem == null && !acceptable(request.getHeaders().get(HttpHeaders.ACCEPT))) {
            problem = ERR_ACCEPT;
        }
        if (problem != null) {
            request.abortWith(ApiError.response(problem.equals(ERR_CHARSET)
                    ? Response.Status.UNSUPPORTED_MEDIA_TYPE : Response.Status.BAD_REQUEST, problem));
            return;
        }
        long limit = limit(request.getMethod(), request.getUriInfo().getPath());
        List<String> lengths = request.getHeaders().get(HttpHeaders.CONTENT_LENGTH);
        if (lengths != null && !lengths.isEmpty()) {
            long length = contentLength(lengths);
            if (length < 0) {
                request.abortWith(ApiError.response(Response.Status.BAD_REQUEST, ERR_CONTENT_LENGTH));
                return;
            }
            if (length > limit) {
                request.abortWith(ApiError.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                        new RequestBodyTooLargeException(limit).getMessage()));
                return;
            }
        }
        // Chunked, or a Content-Length the container does not enforce: count what is actually read.
        request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limit));
    }

    /**
     * The declared length; -1 when it is not one number. Repeated identical values are one length (RFC 9110 8.6;
     * Liberty's HTTP/2 streams present the header twice), different ones a malformed request.
     */
    static long contentLength(List<String> values) {
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                long n;
                try {
                    n = Long.parseLong(part.trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
                if (n < 0 || length >= 0 && n != length) {
                    return -1;
                }
                length = n;
            }
        }
        return length;
    }

    long limit(String method, String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.equals("auth/login")) {
            return LOGIN_LIMIT;
        }
        if ("PUT".equals(method) && p.startsWith("cache/entries/")) {
            return 2 * cache.maxValueBytes() + ENVELOPE;
        }
        return DEFAULT_LIMIT;
    }

    /** Null when the header is absent or fine; otherwise the error text. */
    static String contentTypeProblem(String header) {
        if (header == null) {
            return null;
        }
        MediaType type;
        try {
            type = MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            return ERR_CONTENT_TYPE;
        }
        if (!validQuality(type)) {
            return ERR_CONTENT_TYPE;
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset == null) {
            return null;
        }
        try {
            return Charset.isSupported(charset) ? null : ERR_CHARSET;
        } catch (IllegalCharsetNameException e) {
            return ERR_CHARSET;
        }
    }

    /** Whether every media range of the Accept headers parses with a valid {@code q}; absent is fine. */
    static boolean acceptable(List<String> accept) {
        if (accept == null) {
            return true;
        }
        for (String header : accept) {
            for (String range : header.split(",")) {
                if (range.isBlank()) {
                    continue;
                }
                try {
                    if (!validQuality(MediaType.valueOf(range.trim()))) {
                        return false;
                    }
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A {@code q} parameter, where present, is a number from 0 to 1 (RFC 9110 12.4.2). */
    private static boolean validQuality(MediaType type) {
        String q = type.getParameters().get("q");
        if (q == null) {
            return true;
        }
        try {
            double value = Double.parseDouble(q);
            return value >= 0 && value <= 1 && !q.contains("e") && !q.contains("E") && !q.contains("x");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Throws {@link RequestBodyTooLargeException} as soon as more than the limit has been read. */
    static final class LimitedInputStream extends FilterInputStream {

        private final long limit;
        private long read;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Never ask for more than one byte past the limit: that byte is enough to know.
            int n = super.read(buffer, offset, (int) Math.min(length, Math.max(1, limit - read + 1)));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, Math.max(1, limit - read + 1)));
            count(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new RequestBodyTooLargeException(limit);
            }
        }
    }
}
