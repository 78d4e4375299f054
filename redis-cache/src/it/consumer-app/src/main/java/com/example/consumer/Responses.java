package com.example.consumer;

import java.io.IOException;

import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;

/** Writes a JSON body. */
final class Responses {

    private Responses() {
    }

    static void json(HttpServletResponse response, JsonObject body) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }
}
