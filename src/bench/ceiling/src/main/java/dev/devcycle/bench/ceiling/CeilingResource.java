package dev.devcycle.bench.ceiling;

import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The ceiling of the availability request: the same path shape, the same two-field JSON built the same way
 * (JSON-P), answered by the same Liberty server and HTTP stack, but with no cache, database, filter, CDI bean or
 * security check behind it. The answer follows the benchmark's seeding (every tenth agent, ids ending in 9, in
 * maintenance) so both endpoints send the same bytes. Its builders come from one factory made once, as the
 * service's do ({@code dev.devcycle.json.Jsonp}): {@code Json.createObjectBuilder()} would search for the JSON-P
 * provider on every request, a cost that is not the server's ceiling.
 */
@Path("agents")
@Produces(MediaType.APPLICATION_JSON)
public class CeilingResource {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @GET
    @Path("{id}/availability")
    public JsonObject availability(@PathParam("id") String id) {
        boolean available = !id.endsWith("9");
        return JSON.createObjectBuilder().add("agent_id", id).add("available", available).build();
    }
}
