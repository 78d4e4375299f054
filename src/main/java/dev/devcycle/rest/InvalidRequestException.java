package dev.devcycle.rest;

/** Bad input from a caller: answered with HTTP 400 and a JSON body naming the problem. */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
