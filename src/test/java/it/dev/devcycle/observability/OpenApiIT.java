package it.dev.devcycle.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import it.dev.devcycle.ItEnvironment;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The OpenAPI document describes the cache API with its error responses, and the UI is served. */
class OpenApiIT {

    private static Client client;

    @BeforeAll
    static void setUp() {
        client = ItEnvironment.client();
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    @Test
    void documentDescribesTheCacheApiWithErrors() {
        JsonObject doc;
        try (Response r = ItEnvironment.target(client, "openapi").request(MediaType.APPLICATION_JSON).get()) {
            assertEquals(200, r.getStatus());
            doc = r.readEntity(JsonObject.class);
        }
        assertEquals("devcycle-redis-cache", doc.getJsonObject("info").getString("title"));
        JsonObject paths = doc.getJsonObject("paths");
        JsonObject entry = paths.getJsonObject("/api/cache/entries/{key}");
        assertNotNull(entry, "no /api/cache/entries/{key} in " + paths.keySet());
        JsonObject put = entry.getJsonObject("put");
        for (String status : new String[] {"204", "400", "503"}) {
            assertTrue(put.getJsonObject("responses").containsKey(status), "PUT lacks " + status + ": " + put);
        }
        JsonObject badRequest = put.getJsonObject("responses").getJsonObject("400");
        assertEquals("#/components/schemas/Error", badRequest.getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        assertTrue(entry.getJsonObject("get").getJsonObject("responses").containsKey("404"));
        assertTrue(paths.containsKey("/api/cache/stats"), "stats missing: " + paths.keySet());
        // Writes need an admin token (AccessRule), reads do not.
        assertEquals("bearerAuth", put.getJsonArray("security").getJsonObject(0).keySet().iterator().next(),
                "PUT documents its token: " + put);
        assertTrue(!entry.getJsonObject("get").containsKey("security"), "GET is open: " + entry.getJsonObject("get"));
        assertTrue(doc.getJsonObject("components").getJsonObject("securitySchemes").containsKey("bearerAuth"));
        assertTrue(doc.getJsonObject("components").getJsonObject("schemas").containsKey("Error"));
    }

    @Test
    void everyApiOperationDocumentsTheErrorBody() {
        JsonObject paths = document().getJsonObject("paths");
        int operations = 0;
        for (String path : paths.keySet()) {
            if (!path.startsWith("/api/")) {
                continue;
            }
            for (var operation : paths.getJsonObject(path).entrySet()) {
                if (!(operation.getValue() instanceof JsonObject op) || !op.containsKey("responses")) {
                    continue;
                }
                JsonObject fallback = op.getJsonObject("responses").getJsonObject("default");
                assertNotNull(fallback, operation.getKey() + " " + path + " has no default (error) response");
                assertEquals("#/components/schemas/Error", fallback.getJsonObject("content")
                        .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
                operations++;
            }
        }
        assertTrue(operations >= 6, "too few /api operations documented: " + paths.keySet());
    }

    private JsonObject document() {
        try (Response r = ItEnvironment.target(client, "openapi").request(MediaType.APPLICATION_JSON).get()) {
            assertEquals(200, r.getStatus());
            return r.readEntity(JsonObject.class);
        }
    }

    @Test
    void uiIsServed() {
        try (Response r = ItEnvironment.target(client, "openapi/ui/").request().get()) {
            assertEquals(200, r.getStatus());
            assertTrue(r.readEntity(String.class).toLowerCase().contains("<html"), "not an HTML page");
        }
    }
}
