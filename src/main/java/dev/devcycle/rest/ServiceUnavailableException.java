package dev.devcycle.rest;

/** A backing service (Redis, the database) cannot answer: HTTP 503 with a JSON body. */
public class ServiceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message) {
        super(message);
    }
}
