package dev.devcycle.cache;

/** A stored value that cannot be read as the requested type, or a value that cannot be written as JSON. */
public class UndecodableValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UndecodableValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
