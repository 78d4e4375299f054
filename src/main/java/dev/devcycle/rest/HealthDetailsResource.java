package dev.devcycle.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.devcycle.redis.DetailedHealthCheck;
import dev.devcycle.redis.HealthDetails;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The readiness checks with every detail, for administrators ({@code GET /api/health}, group {@code admin} by
 * {@code AccessRule}): what {@code /health/ready} withholds from anonymous callers under
 * {@code health.show.details=when-authorized} (host, port, version, memory, warnings, the error of an outage).
 */
@Path("health")
@Tag(name = "health", description = "Readiness with details, for administrators")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthDetailsResource {

    static final String ERR_NEVER = "health details are disabled (health.show.details=never)";

    /**
     * The readiness checks that can show details: the module's {@code redis} check (absent when the module's health
     * checks are switched off) and the service's {@code session-store} check. {@code @Readiness} is a qualifier: the
     * checks are beans of that qualifier only.
     */
    @Inject
    @Readiness
    Instance<DetailedHealthCheck> checks;

    @Inject
    @ConfigProperty(name = HealthDetails.PROPERTY, defaultValue = "when-authorized")
    String showDetails;

    @Operation(summary = "Readiness with every detail",
            description = "The checks of /health/ready, with the data anonymous callers do not see.")
    @APIResponse(responseCode = "200", description = "every check UP (same shape as /health/ready)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HealthDetails")))
    @APIResponse(responseCode = "503", description = "a check is DOWN (same shape)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HealthDetails")))
    @APIResponse(responseCode = "404", description = "details are disabled (health.show.details=never)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Error")))
    @GET
    public Response details() {
        if (HealthDetails.parse(showDetails) == HealthDetails.NEVER) {
            return ApiError.response(Response.Status.NOT_FOUND, ERR_NEVER);
        }
        List<HealthCheckResponse> responses = checks.stream().map(check -> check.call(true))
                .sorted(java.util.Comparator.comparing(HealthCheckResponse::getName)).toList();
        boolean up = responses.stream().allMatch(c -> c.getStatus() == HealthCheckResponse.Status.UP);
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (HealthCheckResponse check : responses) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", check.getName());
            one.put("status", check.getStatus().name());
            check.getData().ifPresent(data -> one.put("data", data));
            rendered.add(one);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", rendered);
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(body).build();
    }
}
