package dev.devcycle.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** A body nested deeper than the JSON parser allows is the client's error (found by the bad-input sweep IT). */
class ExceptionMappersTest {

    private static RuntimeException tooDeep() {
        return assertThrows(RuntimeException.class,
                () -> Json.createReader(new StringReader("[".repeat(5_000) + "]".repeat(5_000))).readValue());
    }

    @Test
    void aTooDeeplyNestedBodyIs400NotA500() {
        RuntimeException parserError = tooDeep();
        Response direct = new ExceptionMappers.Unexpected().toResponse(parserError);
        assertEquals(400, direct.getStatus(), String.valueOf(direct.getEntity()));

        Response viaProvider = new ExceptionMappers.Unexpected().toResponse(new WebApplicationException(parserError));
        assertEquals(400, viaProvider.getStatus(), String.valueOf(viaProvider.getEntity()));
    }

    @Test
    void otherUnexpectedErrorsStay500() {
        assertEquals(500, new ExceptionMappers.Unexpected().toResponse(new IllegalStateException("bug")).getStatus());
    }
}
