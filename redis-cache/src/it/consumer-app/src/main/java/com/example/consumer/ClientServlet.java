package com.example.consumer;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** {@code GET /client}: the Jedis client this application's beans get, and the size of its pool. */
@WebServlet("/client")
public class ClientServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    UnifiedJedis redis;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int poolMax = redis instanceof RedisClient client ? client.getPool().getMaxTotal() : -1;
        Responses.json(response, Json.createObjectBuilder().add("client", redis.getClass().getName())
                .add("pool_max", poolMax).add("ping", redis.ping()).build());
    }
}
