package dev.devcycle.rest;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.devcycle.cache.NamedCacheStatistics;
import dev.devcycle.cache.NamedCaches;

/**
 * The named caches of the cache annotations: their statistics in this instance, and clearing one.
 *
 * <ul>
 * <li>{@code GET /api/cache/caches}: a list of statistics objects, one per cache, sorted by name;</li>
 * <li>{@code GET /api/cache/caches/{name}}: one cache's statistics; 404 for an unknown name;</li>
 * <li>{@code DELETE /api/cache/caches/{name}}: removes every entry (SCAN + UNLINK), {@code {"deleted": n}}.</li>
 * </ul>
 */
@Path("cache/caches")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NamedCacheResource {

    @Inject
    NamedCaches caches;

    @GET
    public List<Map<String, Object>> list() {
        return caches.statistics().values().stream().map(NamedCacheStatistics::toMap).toList();
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return caches.statistics(name)
                .map(stats -> Response.ok(stats.toMap()).build())
                .orElseGet(() -> unknown(name));
    }

    @DELETE
    @Path("{name}")
    public Response clear(@PathParam("name") String name) {
        if (!caches.contains(name)) {
            return unknown(name);
        }
        return Response.ok(Map.of("deleted", caches.invalidateAll(name))).build();
    }

    private static Response unknown(String name) {
        return ApiError.response(Response.Status.NOT_FOUND, "no cache named '" + name + "'");
    }
}
