package dev.devcycle.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.devcycle.cache.DeclarativeCaches;

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
@Tag(name = "named caches", description = "The caches of @CacheResult and co.: statistics of this instance, clearing")
// The token check's 401, 403 and 503 come from ApiDocumentationFilter.
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NamedCacheResource {

    private static final String NAME_DOC =
            "the cache's name, as in @CacheResult(cacheName = ...), e.g. agent:availability";

    @Inject
    DeclarativeCaches caches;

    @Operation(summary = "Statistics of every named cache",
            description = "The caches known to this instance (a cache appears on first use), sorted by name.")
    @APIResponse(responseCode = "200", description = "one statistics object per cache; empty before any cache is used",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "NamedCacheStatsList")))
    @GET
    public List<Map<String, Object>> list() {
        return caches.statistics().values().stream().map(CacheStatisticsBodies::of).toList();
    }

    @Operation(summary = "Statistics of one named cache")
    @APIResponse(responseCode = "200", description = "the cache's statistics in this instance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "NamedCacheStats")))
    @APIResponse(responseCode = "404", ref = "NoSuchCache")
    @GET
    @Path("{name}")
    public Response get(@Parameter(description = NAME_DOC) @PathParam("name") String name) {
        return caches.statistics(name)
                .map(stats -> Response.ok(CacheStatisticsBodies.of(stats)).build())
                .orElseGet(() -> unknown(name));
    }

    @Operation(summary = "Remove every entry of a named cache",
            description = "SCAN + UNLINK of the cache's keys, and a new generation so that loads already running "
                    + "cannot store what they read before. Fail-open: with Redis down nothing is removed (deleted 0).")
    @APIResponse(responseCode = "200", description = "how many Redis keys were removed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Deleted")))
    @APIResponse(responseCode = "404", ref = "NoSuchCache")
    @DELETE
    @Path("{name}")
    public Response clear(@Parameter(description = NAME_DOC) @PathParam("name") String name) {
        if (!caches.contains(name)) {
            return unknown(name);
        }
        return Response.ok(Map.of("deleted", caches.invalidateAll(name))).build();
    }

    private static Response unknown(String name) {
        return ApiError.response(Response.Status.NOT_FOUND, "no cache named '" + name + "'");
    }
}
