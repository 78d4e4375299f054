package dev.devcycle.rest;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON error body of every failed request: {@code {"error": "..."}}. */
public final class ApiError {

    private ApiError() {
    }

    public static Response response(Response.StatusType status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }

    public static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }
}
