package dev.devcycle.rest;

/** A request body over its endpoint's limit: answered 413 with a JSON body, before more of it is read. */
public class RequestBodyTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RequestBodyTooLargeException(long limit) {
        this("request body exceeds the limit of " + limit + " bytes");
    }

    public RequestBodyTooLargeException(String message) {
        super(message);
    }
}
