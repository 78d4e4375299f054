package it.dev.devcycle.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.ItClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The OpenAPI document describes every {@code /api} operation — summary, success schema, error responses — and the
 * UI is served. The checks walk the document rather than a list of endpoints, so an endpoint added without its
 * annotations fails the build.
 */
class OpenApiIT {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    /** The served document, kept for reading after a build (the server is gone by then). */
    private static final Path SAVED = Path.of("target", "openapi.json");

    @RegisterExtension
    static final ItClient http = new ItClient();

    @Test
    void documentDescribesTheCacheApiWithErrors() {
        JsonObject doc;
        try (Response r = http.target("openapi").request(MediaType.APPLICATION_JSON).get()) {
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

    @Test
    void everyApiOperationHasSummarySuccessSchemaAndErrorResponses() throws IOException {
        JsonObject doc = document();
        Files.writeString(SAVED, doc.toString(), StandardCharsets.UTF_8);
        JsonObject paths = doc.getJsonObject("paths");
        for (String expected : List.of("/api/cache/caches", "/api/cache/caches/{name}", "/api/agents",
                "/api/agents/{id}", "/api/agents/least-busy", "/api/auth/login", "/api/auth/sessions/{sessionId}")) {
            assertTrue(paths.containsKey(expected), expected + " is not in the document: " + paths.keySet());
        }
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (String path : paths.keySet()) {
            if (!path.startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonValue> entry : paths.getJsonObject(path).entrySet()) {
                if (!HTTP_METHODS.contains(entry.getKey())) {
                    continue; // path-level parameters, summary, ...
                }
                operations++;
                problems.addAll(operationProblems(doc, entry.getKey().toUpperCase() + " " + path,
                        entry.getValue().asJsonObject()));
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " documentation gap(s) in " + SAVED + ":\n  "
                + String.join("\n  ", problems));
        assertTrue(operations >= 30, "too few /api operations in the document: " + operations);
    }

    @Test
    void everyApiOperationDocumentsTheAnswersOfTheTokenCheck() {
        JsonObject doc = document();
        JsonObject paths = doc.getJsonObject("paths");
        List<String> problems = new ArrayList<>();
        int admin = 0;
        for (String path : paths.keySet()) {
            if (!path.startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonValue> entry : paths.getJsonObject(path).entrySet()) {
                if (!HTTP_METHODS.contains(entry.getKey())) {
                    continue;
                }
                String name = entry.getKey().toUpperCase() + " " + path;
                JsonObject op = entry.getValue().asJsonObject();
                JsonObject responses = op.getJsonObject("responses");
                // A token that is sent is always checked: every operation can answer 401 and 503.
                for (String status : List.of("401", "503")) {
                    if (!responses.containsKey(status)
                            || resolve(doc, responses.getJsonObject(status)).getString("description", "").isBlank()) {
                        problems.add(name + ": no " + status);
                    }
                }
                if (op.getString("description", "").contains("member of group admin")) {
                    admin++;
                    if (!responses.containsKey("403")
                            || resolve(doc, responses.getJsonObject("403")).getString("description", "").isBlank()) {
                        problems.add(name + ": needs group admin but documents no 403");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(admin >= 10, "too few operations for administrators: " + admin);
    }

    /** What the operation lacks: a summary, a 2xx with a schema (204, or 201 without a body, excepted), a 4xx/5xx. */
    private static List<String> operationProblems(JsonObject doc, String name, JsonObject op) {
        List<String> problems = new ArrayList<>();
        if (op.getString("summary", "").isBlank()) {
            problems.add(name + ": no summary");
        }
        if (op.containsKey("requestBody") && !hasSchema(resolve(doc, op.getJsonObject("requestBody")))) {
            problems.add(name + ": request body without a schema");
        }
        JsonObject responses = op.getJsonObject("responses");
        if (responses == null) {
            problems.add(name + ": no responses");
            return problems;
        }
        boolean success = false;
        boolean error = false;
        for (String code : responses.keySet()) {
            JsonObject response = resolve(doc, responses.getJsonObject(code));
            if (code.startsWith("2")) {
                success = true;
                boolean bodyless = code.equals("204") || code.equals("201") && !response.containsKey("content");
                if (!bodyless && !hasSchema(response)) {
                    problems.add(name + ": response " + code + " has no content schema");
                }
            } else if (code.startsWith("4") || code.startsWith("5")) {
                // Numeric codes only: the filter's "default" is the same everywhere and says nothing specific.
                error = true;
                if (response.getString("description", "").isBlank() || !hasSchema(response)) {
                    problems.add(name + ": response " + code + " lacks a description or a content schema");
                }
            }
        }
        if (!success) {
            problems.add(name + ": no 2xx response " + responses.keySet());
        }
        if (!error) {
            problems.add(name + ": no 4xx/5xx response " + responses.keySet());
        }
        return problems;
    }

    /** A response or request body given as {@code $ref} to components. */
    private static JsonObject resolve(JsonObject doc, JsonObject object) {
        String ref = object.getString("$ref", null);
        if (ref == null) {
            return object;
        }
        JsonValue target = doc;
        for (String part : ref.substring(2).split("/")) { // "#/components/responses/X"
            target = target.asJsonObject().get(part);
            if (target == null) {
                return JsonValue.EMPTY_JSON_OBJECT;
            }
        }
        return target.asJsonObject();
    }

    /** Content with at least one media type, each with a schema ({@code $ref} or inline). */
    private static boolean hasSchema(JsonObject bodyOrResponse) {
        JsonObject content = bodyOrResponse.getJsonObject("content");
        if (content == null || content.isEmpty()) {
            return false;
        }
        return content.values().stream().allMatch(media -> media instanceof JsonObject m
                && m.get("schema") instanceof JsonObject schema && !schema.isEmpty());
    }

    private JsonObject document() {
        try (Response r = http.target("openapi").request(MediaType.APPLICATION_JSON).get()) {
            assertEquals(200, r.getStatus());
            return r.readEntity(JsonObject.class);
        }
    }

    @Test
    void uiIsServed() {
        try (Response r = http.request("openapi/ui/").get()) {
            assertEquals(200, r.getStatus());
            assertTrue(r.readEntity(String.class).toLowerCase().contains("<html"), "not an HTML page");
        }
    }
}
