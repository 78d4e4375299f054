package dev.devcycle.agent.rest;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.devcycle.agent.AgentCacheAdministration;
import dev.devcycle.agent.AgentCacheStatistics;
import dev.devcycle.agent.AgentChanges;
import dev.devcycle.agent.AgentIds;
import dev.devcycle.agent.AgentNotFoundException;
import dev.devcycle.agent.AgentReads;
import dev.devcycle.agent.AgentRegistration;
import dev.devcycle.agent.AgentServiceHealth;
import dev.devcycle.agent.AgentWrites;
import dev.devcycle.agent.LeastBusyRanking;
import dev.devcycle.agent.model.Agent;
import dev.devcycle.rest.ApiError;
import dev.devcycle.rest.BooleanParameter;
import dev.devcycle.rest.CacheStatisticsBodies;
import dev.devcycle.rest.InvalidRequestException;
import dev.devcycle.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The agent availability API under {@code /api/agents} (see docs/agents.md). The fixed paths ({@code available},
 * {@code least-busy}, {@code cache}, {@code health}) take precedence over {@code {id}} (JAX-RS prefers literal
 * segments), and those names cannot be registered as agent ids.
 *
 * <p>Errors are JSON {@code {"error": ...}}: 400 for malformed input, 404 for an unknown agent, 409 for a name taken
 * or an impossible task count, 503 when the database cannot answer.
 */
@Path("agents")
@Tag(name = "agents", description = "Agents in the database, and the availability answers cached in Redis")
// Nearly every endpoint reads the database. The token check's 401 and 403 come from ApiDocumentationFilter.
@APIResponse(responseCode = "503", description = "the agent database is unavailable, or a token was sent and the "
        + "token revocation list (Redis) is unavailable",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = AgentResource.ERROR)))
// One instance for the application, not one per request: RESTEasy then neither creates and injects a bean nor
// builds @Context proxies for every request (issue 17's profile: a fifth of the cached request's CPU beyond the bare
// endpoint). The class holds no per-request state; what a request needs comes in as method parameters.
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    /** The shared error schema of META-INF/openapi.yaml. */
    static final String ERROR = "Error";
    /** Shared responses of META-INF/openapi.yaml (components/responses). */
    private static final String BAD_ID = "BadAgentId";
    private static final String NO_AGENT = "NoSuchAgent";
    private static final String NOT_JSON = "NotJson";
    private static final String ID_DOC = "the agent's id (its name): 1 to 100 letters, digits, '_', '-' or '.'";
    private static final String CAPABILITY_DOC = "a capability: 1 to 100 letters, digits, '_', '-' or '.'";

    @Inject
    AgentReads reads;

    @Inject
    LeastBusyRanking ranking;

    @Inject
    AgentWrites writes;

    @Inject
    AgentCacheAdministration cacheAdministration;

    @Inject
    AgentServiceHealth serviceHealth;

    // ---- the agents themselves (database) ----

    @Operation(summary = "List every agent", description = "From the database (not cached), sorted by name.")
    @APIResponse(responseCode = "200", description = "the agents",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentList")))
    @GET
    public JsonArray list() {
        JsonArrayBuilder agents = Jsonp.array();
        reads.listAgents().forEach(agent -> agents.add(AgentRepresentation.of(agent)));
        return agents.build();
    }

    @Operation(summary = "Register an agent",
            description = "Stores the agent and invalidates whatever the caches hold about its id (e.g. a cached "
                    + "\"no such agent\") and the capability lists it joins.")
    @RequestBody(required = true, description = "the agent; name and agent_type are required",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentRegistration")))
    @APIResponse(responseCode = "201", description = "registered",
            headers = @Header(name = "Location", description = "the agent's URL, /api/agents/{id}",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Agent")))
    @APIResponse(responseCode = "400", description = "malformed or reserved name, missing or unknown agent_type or "
            + "status, a field of the wrong type or out of bounds, an unknown field, malformed JSON, not an object",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "409", description = "an agent of this name exists",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "415", ref = NOT_JSON)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(JsonValue body, @Context UriInfo uriInfo) {
        AgentRegistration registration = AgentRequests.registration(body);
        Agent agent = writes.register(AgentRequests.name(body.asJsonObject()), registration);
        URI location = uriInfo.getAbsolutePathBuilder().path(agent.getName()).build();
        return Response.created(location).entity(AgentRepresentation.of(agent)).build();
    }

    @Operation(summary = "Read an agent", description = "From the database (not cached).")
    @APIResponse(responseCode = "200", description = "the agent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Agent")))
    @APIResponse(responseCode = "400", ref = BAD_ID)
    @APIResponse(responseCode = "404", ref = NO_AGENT)
    @GET
    @Path("{id}")
    public JsonObject get(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        return AgentRepresentation.of(reads.getAgent(id).orElseThrow(() -> new AgentNotFoundException(id)));
    }

    @Operation(summary = "Change an agent",
            description = "Changes the fields sent, others stay; invalidates exactly the cache entries that change.")
    @RequestBody(required = true, description = "the fields to change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentUpdate")))
    @APIResponse(responseCode = "200", description = "the agent after the change (with dry_run: as it would be)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Agent")))
    @APIResponse(responseCode = "400", description = "malformed id, a name other than the path's, an unknown "
            + "agent_type or status, a field of the wrong type or out of bounds, an unknown field, malformed JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "404", ref = NO_AGENT)
    @APIResponse(responseCode = "415", ref = NOT_JSON)
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject update(@Parameter(description = ID_DOC) @PathParam("id") String id,
            @Parameter(description = "true: answer what the update would give and roll it back (nothing changes); "
                    + "only true or false, anything else is a 400", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("dry_run") List<String> dryRunValues,
            JsonValue body) {
        AgentIds.requireId(id);
        boolean dryRun = BooleanParameter.parse("dry_run", dryRunValues);
        AgentChanges changes = AgentRequests.changes(id, body);
        // A dry run answers what the update would give, and rolls its transaction back.
        return AgentRepresentation.of(dryRun ? writes.previewUpdate(id, changes) : writes.update(id, changes));
    }

    @Operation(summary = "Delete an agent",
            description = "Its cache entries become \"no such agent\"; it leaves every capability list.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "400", ref = BAD_ID)
    @APIResponse(responseCode = "404", ref = NO_AGENT)
    @DELETE
    @Path("{id}")
    public Response delete(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        writes.delete(id);
        return Response.noContent().build();
    }

    @Operation(summary = "Set an agent's status")
    @RequestBody(required = true, description = "the new status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentStatusChange")))
    @APIResponse(responseCode = "200", description = "the agent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Agent")))
    @APIResponse(responseCode = "400", description = "malformed id, missing or unknown status, another field, "
            + "malformed JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "404", ref = NO_AGENT)
    @APIResponse(responseCode = "415", ref = NOT_JSON)
    @PUT
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject setStatus(@Parameter(description = ID_DOC) @PathParam("id") String id, JsonValue body) {
        AgentIds.requireId(id);
        return AgentRepresentation.of(writes.setStatus(id, AgentRequests.statusChange(body)));
    }

    /** The body is optional: no body is a bare heartbeat. */
    @Operation(summary = "Record a heartbeat",
            description = "Sets last_heartbeat to now, and the reported status, task count and response time.")
    @RequestBody(required = false, description = "optional; no body is a bare heartbeat",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Heartbeat")))
    @APIResponse(responseCode = "200", description = "the agent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Agent")))
    @APIResponse(responseCode = "400", description = "malformed id, unknown status, a field of the wrong type or out "
            + "of bounds, an unknown field, malformed JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "404", ref = NO_AGENT)
    @POST
    @Path("{id}/heartbeat")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public JsonObject heartbeat(@Parameter(description = ID_DOC) @PathParam("id") String id, String body) {
        AgentIds.requireId(id);
        JsonValue json = body == null || body.isBlank() ? JsonValue.NULL : JsonBodies.parse(body);
        return AgentRepresentation.of(writes.heartbeat(id, AgentRequests.heartbeat(json)));
    }

    /** {@code {"delta": n}}: tasks started (positive) or finished (negative); 409 below zero. */
    @Operation(summary = "Start or finish tasks",
            description = "Adds delta to current_tasks under the agent's row lock, so concurrent changes are never "
                    + "lost.")
    @RequestBody(required = true, description = "the change of the running task count",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TaskDelta")))
    @APIResponse(responseCode = "200", description = "the agent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Agent")))
    @APIResponse(responseCode = "400", description = "malformed id, delta missing or not a whole number, another "
            + "field, malformed JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "404", ref = NO_AGENT)
    @APIResponse(responseCode = "409", description = "the task count would go below zero (or above 1000000)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "415", ref = NOT_JSON)
    @POST
    @Path("{id}/tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject changeTasks(@Parameter(description = ID_DOC) @PathParam("id") String id, JsonValue body) {
        AgentIds.requireId(id);
        return AgentRepresentation.of(writes.changeTaskCount(id, AgentRequests.taskDelta(body)));
    }

    @Operation(summary = "Take an agent out of service",
            description = "Sets is_active false; the agent stays registered and is no longer available.")
    @APIResponse(responseCode = "200", description = "the agent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Agent")))
    @APIResponse(responseCode = "400", ref = BAD_ID)
    @APIResponse(responseCode = "404", ref = NO_AGENT)
    @POST
    @Path("{id}/deactivate")
    public JsonObject deactivate(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        return AgentRepresentation.of(writes.deactivate(id));
    }

    // ---- cached answers ----

    @Operation(summary = "Is the agent available",
            description = "Active, online and with a free task slot. Cached 30 s (an unknown agent: 5 s).")
    @APIResponse(responseCode = "200", description = "the answer; false for an unknown agent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentAvailability")))
    @APIResponse(responseCode = "400", ref = BAD_ID)
    @GET
    @Path("{id}/availability")
    public JsonObject availability(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        boolean available = reads.isAgentAvailable(id);
        return Jsonp.object().add("agent_id", id).add("available", available).build();
    }

    @Operation(summary = "The agent's capabilities", description = "Cached 30 s (an unknown agent: 5 s).")
    @APIResponse(responseCode = "200", description = "the capabilities in their order; empty for an unknown agent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentNames")))
    @APIResponse(responseCode = "400", ref = BAD_ID)
    @GET
    @Path("{id}/capabilities")
    public List<String> capabilities(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        return reads.getAgentCapabilities(id);
    }

    @Operation(summary = "Does the agent have a capability", description = "From the cached capabilities.")
    @APIResponse(responseCode = "200", description = "the answer; false for an unknown agent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "AgentCapabilityCheck")))
    @APIResponse(responseCode = "400", description = "malformed agent id or capability",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @GET
    @Path("{id}/capabilities/{capability}")
    public JsonObject hasCapability(@Parameter(description = ID_DOC) @PathParam("id") String id,
            @Parameter(description = CAPABILITY_DOC) @PathParam("capability") String capability) {
        boolean has = reads.validateAgentCapability(id, capability);
        return Jsonp.object().add("agent_id", id).add("capability", capability)
                .add("has_capability", has).build();
    }

    @Operation(summary = "The agent's load", description = "Status, task counts and timings. Cached 30 s.")
    @APIResponse(responseCode = "200", description = "the load; unknown values are null",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentLoad")))
    @APIResponse(responseCode = "400", ref = BAD_ID)
    @APIResponse(responseCode = "404", ref = NO_AGENT)
    @GET
    @Path("{id}/load")
    public JsonObject load(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        return AgentRepresentation.of(reads.getAgentLoad(id).orElseThrow(() -> new AgentNotFoundException(id)));
    }

    @Operation(summary = "The available agents having a capability", description = "Cached 30 s.")
    @APIResponse(responseCode = "200", description = "their ids, sorted; empty when none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentNames")))
    @APIResponse(responseCode = "400", description = "capability missing or malformed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @GET
    @Path("available")
    public List<String> available(@Parameter(description = CAPABILITY_DOC, required = true)
            @QueryParam("capability") String capability) {
        if (capability == null) {
            throw new InvalidRequestException("query parameter 'capability' is required");
        }
        return reads.getAvailableAgentsByCapability(capability);
    }

    @Operation(summary = "The least busy available agent having all the capabilities",
            description = "Most free task slots, then lowest response time (unknown last), then id. Built from the "
                    + "cached lists and loads.")
    @APIResponse(responseCode = "200", description = "the agent's id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentRef")))
    @APIResponse(responseCode = "400", description = "no capability given, or a malformed one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "404", description = "no available agent has all of them",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @GET
    @Path("least-busy")
    public Response leastBusy(@Parameter(description = "a required capability; repeat the parameter for several",
            required = true) @QueryParam("capability") List<String> capabilities) {
        return ranking.getLeastBusyAgent(capabilities)
                .map(id -> Response.ok(Jsonp.object().add("agent_id", id).build()).build())
                .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND,
                        "no available agent has all of " + capabilities));
    }

    // ---- cache administration ----

    @Operation(summary = "Clear the agent's cache entries",
            description = "Its availability, capabilities and load entries; the next reads load from the database.")
    @APIResponse(responseCode = "200", description = "how many of the three entries were present",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Cleared")))
    @APIResponse(responseCode = "400", ref = BAD_ID)
    @DELETE
    @Path("{id}/cache")
    public Map<String, Long> clearAgentCache(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        return Map.of("cleared", cacheAdministration.clearCache(id));
    }

    @Operation(summary = "Clear the four agent caches",
            description = "Every entry of availability, capabilities, load and agents_by_capability (SCAN + UNLINK).")
    @APIResponse(responseCode = "200", description = "how many Redis keys were removed (bookkeeping keys included)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Cleared")))
    @DELETE
    @Path("cache")
    public Map<String, Long> clearCache() {
        return Map.of("cleared", cacheAdministration.clearCache());
    }

    @Operation(summary = "Statistics of the agent caches",
            description = "Database queries and writes, and the agent caches' hits and misses, of this instance.")
    @APIResponse(responseCode = "200", description = "the statistics",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentCacheStats")))
    @GET
    @Path("cache/stats")
    public Map<String, Object> cacheStats() {
        AgentCacheStatistics stats = cacheAdministration.getCacheStats();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("db_queries", stats.dbQueries());
        body.put("db_writes", stats.dbWrites());
        body.put("hits", stats.hits());
        body.put("misses", stats.misses());
        body.put("hit_ratio", stats.hitRatio());
        body.put("redis_connected", stats.redisConnected());
        Map<String, Object> perCache = new LinkedHashMap<>();
        stats.caches().forEach((name, cache) -> perCache.put(name, CacheStatisticsBodies.of(cache)));
        body.put("caches", perCache);
        return body;
    }

    /** The service's own view: 200 when the database answers (Redis down is "degraded"), else 503. */
    @Operation(summary = "Health of the agent service",
            description = "healthy: database and Redis answer; degraded: no Redis (answers come uncached).")
    @APIResponse(responseCode = "200", description = "the database answers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentHealth")))
    // The service's own 503 carries the health object, not an Error; it replaces the class-level 503.
    @APIResponse(responseCode = "503", description = "the database does not answer (status unhealthy); a token that "
            + "cannot be checked (Redis down) is an Error instead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentHealth")))
    @GET
    @Path("health")
    public Response health() {
        Map<String, Object> health = serviceHealth.healthCheck();
        boolean up = Boolean.TRUE.equals(health.get("database"));
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(health).build();
    }
}
