package dev.devcycle.session.store;

/** Redis could not be reached or answered with an error: the session state is unknown, never assumed. */
public class SessionStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionStoreUnavailableException(String operation, Throwable cause) {
        super("session store unavailable during " + operation + ": " + cause.getClass().getSimpleName(), cause);
    }
}
