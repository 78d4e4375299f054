package com.example.consumer;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /price?item=x}: the cached price and how often the lookup ran. */
@WebServlet("/price")
public class PriceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    PriceList prices;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String item = request.getParameter("item");
        int price = prices.price(item);
        Responses.json(response, Json.createObjectBuilder().add("item", item).add("price", price)
                .add("lookups", prices.lookups()).build());
    }
}
