package dev.devcycle.rest;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns every failure into a JSON error with the right status; nothing reaches a caller as an HTML 500 page. */
public final class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class.getName());
    private static final String MSG_UNEXPECTED = "Unexpected error answering a request";

    private ExceptionMappers() {
    }

    @Provider
    public static class InvalidRequest implements ExceptionMapper<InvalidRequestException> {
        @Override
        public Response toResponse(InvalidRequestException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    @Provider
    public static class BodyTooLarge implements ExceptionMapper<RequestBodyTooLargeException> {
        @Override
        public Response toResponse(RequestBodyTooLargeException e) {
            return ApiError.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        }
    }

    @Provider
    public static class Unavailable implements ExceptionMapper<ServiceUnavailableException> {
        @Override
        public Response toResponse(ServiceUnavailableException e) {
            return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    /** Malformed JSON bodies, reported by JSON-B or JSON-P while reading an entity. */
    @Provider
    public static class MalformedJson implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, "malformed JSON body: " + rootMessage(e));
        }
    }

    @Provider
    public static class MalformedJsonParsing implements ExceptionMapper<JsonParsingException> {
        @Override
        public Response toResponse(JsonParsingException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, "malformed JSON body: " + e.getMessage());
        }
    }

    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            Response tooLarge = tooLarge(e);
            if (tooLarge != null) {
                return tooLarge;
            }
            return ApiError.response(Response.Status.BAD_REQUEST, "malformed request body: " + rootMessage(e));
        }
    }

    /** 404, 405, 415 and the like keep their status but get a JSON body. */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response tooLarge = tooLarge(e);
            if (tooLarge != null) {
                return tooLarge;
            }
            Response original = e.getResponse();
            String message = e.getCause() instanceof JsonbException || e.getCause() instanceof JsonParsingException
                    || thrownByJsonParser(e.getCause())
                    ? "malformed JSON body: " + rootMessage(e)
                    : original.getStatusInfo().getReasonPhrase();
            int status = message.startsWith("malformed JSON") ? 400 : original.getStatus();
            if (status >= 500) {
                LOG.log(Level.WARNING, MSG_UNEXPECTED, e);
            }
            return ApiError.response(status, message);
        }
    }

    /** Anything else is a bug: logged with its stack, answered without it. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException wae) {
                return new WebApplication().toResponse(wae);
            }
            if (thrownByJsonParser(e)) {
                return ApiError.response(Response.Status.BAD_REQUEST, "malformed JSON body: " + rootMessage(e));
            }
            Response tooLarge = tooLarge(e);
            if (tooLarge != null) {
                return tooLarge;
            }
            LOG.log(Level.SEVERE, MSG_UNEXPECTED, e);
            return ApiError.response(Response.Status.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    /**
     * An unchecked exception thrown by the JSON-P parser itself while reading input: Parsson refuses a body nested
     * deeper than its limit (1000) with a plain RuntimeException, not a JsonParsingException, and that is the
     * client's malformed input, not a server error.
     */
    static boolean thrownByJsonParser(Throwable t) {
        if (!(t instanceof RuntimeException) || t.getStackTrace().length == 0) {
            return false;
        }
        String origin = t.getStackTrace()[0].getClassName();
        return origin.startsWith("org.eclipse.parsson.") || origin.startsWith("org.glassfish.json.");
    }

    /** The 413 of a body limit passed while a provider read the body (it may arrive wrapped), or null. */
    static Response tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestBodyTooLargeException tooLarge) {
                return new BodyTooLarge().toResponse(tooLarge);
            }
        }
        return null;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
