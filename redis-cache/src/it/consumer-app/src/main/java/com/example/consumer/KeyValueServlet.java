package com.example.consumer;

import java.io.IOException;
import java.time.Duration;

import dev.devcycle.cache.RedisCache;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /kv?key=k[&value=v]}: stores (with a value) or reads an entry of the injected {@link RedisCache}. */
@WebServlet("/kv")
public class KeyValueServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    RedisCache cache;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String key = request.getParameter("key");
        String value = request.getParameter("value");
        JsonObjectBuilder body = Json.createObjectBuilder().add("namespace", cache.namespace()).add("key", key);
        if (value != null) {
            body.add("stored", cache.set(key, value, Duration.ofMinutes(5)));
        } else {
            cache.get(key, String.class).ifPresentOrElse(v -> body.add("value", v), () -> body.addNull("value"));
        }
        Responses.json(response, body.build());
    }
}
