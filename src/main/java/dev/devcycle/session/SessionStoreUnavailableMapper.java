package dev.devcycle.session;

import java.util.logging.Logger;

import dev.devcycle.redis.FailureLog;
import dev.devcycle.rest.ApiError;
import dev.devcycle.session.store.SessionStoreUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Session state that cannot be read or written is a 503: never a guess, never a 500 with a stack. */
@Provider
public class SessionStoreUnavailableMapper implements ExceptionMapper<SessionStoreUnavailableException> {

    static final String ERR_UNAVAILABLE = "session store is unavailable";
    private static final FailureLog FAILURES = new FailureLog(Logger.getLogger(SessionStoreUnavailableMapper.class.getName()));

    @Override
    public Response toResponse(SessionStoreUnavailableException e) {
        FAILURES.failure("session store", e.getCause() == null ? e : e.getCause());
        return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, ERR_UNAVAILABLE);
    }
}
