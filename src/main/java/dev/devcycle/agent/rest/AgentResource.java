package dev.devcycle.agent.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.devcycle.agent.AgentAvailabilityService;
import dev.devcycle.agent.AgentChanges;
import dev.devcycle.agent.AgentIds;
import dev.devcycle.agent.AgentNotFoundException;
import dev.devcycle.agent.AgentRegistration;
import dev.devcycle.agent.model.Agent;
import dev.devcycle.rest.ApiError;
import dev.devcycle.rest.InvalidRequestException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
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
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    @Inject
    AgentAvailabilityService service;

    @Context
    UriInfo uriInfo;

    // ---- the agents themselves (database) ----

    @GET
    public JsonArray list() {
        JsonArrayBuilder agents = Json.createArrayBuilder();
        service.listAgents().forEach(agent -> agents.add(AgentRepresentation.of(agent)));
        return agents.build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(JsonValue body) {
        AgentRegistration registration = AgentRequests.registration(body);
        Agent agent = service.register(AgentRequests.name(body.asJsonObject()), registration);
        URI location = uriInfo.getAbsolutePathBuilder().path(agent.getName()).build();
        return Response.created(location).entity(AgentRepresentation.of(agent)).build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        return AgentRepresentation.of(service.getAgent(id).orElseThrow(() -> new AgentNotFoundException(id)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject update(@PathParam("id") String id, @QueryParam("dry_run") boolean dryRun, JsonValue body) {
        AgentIds.requireId(id);
        AgentChanges changes = AgentRequests.changes(id, body);
        // A dry run answers what the update would give, and rolls its transaction back.
        return AgentRepresentation.of(dryRun ? service.previewUpdate(id, changes) : service.update(id, changes));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject setStatus(@PathParam("id") String id, JsonValue body) {
        AgentIds.requireId(id);
        return AgentRepresentation.of(service.setStatus(id, AgentRequests.statusChange(body)));
    }

    /** The body is optional: no body is a bare heartbeat. */
    @POST
    @Path("{id}/heartbeat")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public JsonObject heartbeat(@PathParam("id") String id, String body) {
        AgentIds.requireId(id);
        JsonValue json = body == null || body.isBlank() ? JsonValue.NULL : JsonBodies.parse(body);
        return AgentRepresentation.of(service.heartbeat(id, AgentRequests.heartbeat(json)));
    }

    /** {@code {"delta": n}}: tasks started (positive) or finished (negative); 409 below zero. */
    @POST
    @Path("{id}/tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject changeTasks(@PathParam("id") String id, JsonValue body) {
        AgentIds.requireId(id);
        return AgentRepresentation.of(service.changeTaskCount(id, AgentRequests.taskDelta(body)));
    }

    @POST
    @Path("{id}/deactivate")
    public JsonObject deactivate(@PathParam("id") String id) {
        return AgentRepresentation.of(service.deactivate(id));
    }

    // ---- cached answers ----

    @GET
    @Path("{id}/availability")
    public JsonObject availability(@PathParam("id") String id) {
        boolean available = service.isAgentAvailable(id);
        return Json.createObjectBuilder().add("agent_id", id).add("available", available).build();
    }

    @GET
    @Path("{id}/capabilities")
    public List<String> capabilities(@PathParam("id") String id) {
        return service.getAgentCapabilities(id);
    }

    @GET
    @Path("{id}/capabilities/{capability}")
    public JsonObject hasCapability(@PathParam("id") String id, @PathParam("capability") String capability) {
        boolean has = service.validateAgentCapability(id, capability);
        return Json.createObjectBuilder().add("agent_id", id).add("capability", capability)
                .add("has_capability", has).build();
    }

    @GET
    @Path("{id}/load")
    public JsonObject load(@PathParam("id") String id) {
        return AgentRepresentation.of(service.getAgentLoad(id).orElseThrow(() -> new AgentNotFoundException(id)));
    }

    @GET
    @Path("available")
    public List<String> available(@QueryParam("capability") String capability) {
        if (capability == null) {
            throw new InvalidRequestException("query parameter 'capability' is required");
        }
        return service.getAvailableAgentsByCapability(capability);
    }

    @GET
    @Path("least-busy")
    public Response leastBusy(@QueryParam("capability") List<String> capabilities) {
        return service.getLeastBusyAgent(capabilities)
                .map(id -> Response.ok(Json.createObjectBuilder().add("agent_id", id).build()).build())
                .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND,
                        "no available agent has all of " + capabilities));
    }

    // ---- cache administration ----

    @DELETE
    @Path("{id}/cache")
    public Map<String, Long> clearAgentCache(@PathParam("id") String id) {
        return Map.of("cleared", service.clearCache(id));
    }

    @DELETE
    @Path("cache")
    public Map<String, Long> clearCache() {
        return Map.of("cleared", service.clearCache());
    }

    @GET
    @Path("cache/stats")
    public Map<String, Object> cacheStats() {
        return service.getCacheStats();
    }

    /** The service's own view: 200 when the database answers (Redis down is "degraded"), else 503. */
    @GET
    @Path("health")
    public Response health() {
        Map<String, Object> health = service.healthCheck();
        boolean up = Boolean.TRUE.equals(health.get("database"));
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(health).build();
    }
}
