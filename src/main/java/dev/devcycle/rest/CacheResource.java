package dev.devcycle.rest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.devcycle.cache.RedisCache;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Entries and statistics of the default cache namespace ({@value RedisCache#DEFAULT_NAMESPACE}) over HTTP.
 *
 * <p>A Redis outage answers 503: the cache itself is fail-open (a miss), so a negative answer is checked against a
 * PING before it is reported as "absent".
 *
 * <p>Writes (PUT, DELETE of an entry or a pattern) need a token of group {@code admin}; reads are open. That is
 * enforced for all of {@code /api} by {@code dev.devcycle.session.AuthorizationFilter}, not here (docs/security.md).
 */
@Path("cache")
@Tag(name = "cache", description = "Entries and statistics of the default namespace, devcycle:cache:")
// The token check's 401 and 403 come from ApiDocumentationFilter.
@APIResponse(responseCode = "503", description = "Redis is unavailable",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = CacheResource.ERROR)))
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CacheResource {

    /** Keys are at most this many UTF-8 bytes; Redis allows far more, but such a key is a caller's bug. */
    static final int MAX_KEY_BYTES = 1024;
    /** Ten years: anything longer is a unit mistake. */
    static final long MAX_TTL_SECONDS = 315_360_000L;
    static final String ERR_UNAVAILABLE = "Redis is unavailable";
    /** The shared error schema of META-INF/openapi.yaml. */
    static final String ERROR = "Error";
    private static final String KEY_DOC = "the entry's key inside the namespace; 1 to 1024 UTF-8 bytes, any characters";

    @Inject
    RedisCache cache;

    @Operation(summary = "Statistics of the default namespace",
            description = "Key count and Redis facts from Redis, hit/miss counters of this instance.")
    @APIResponse(responseCode = "200", description = "the statistics; redis_connected false when Redis is down",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CacheStats")))
    @GET
    @Path("stats")
    public Map<String, Object> stats() {
        return CacheStatisticsBodies.of(cache.report());
    }

    @Operation(summary = "Store an entry",
            description = "Stores the JSON body; a JSON string is stored as its raw text (as the Python services do).")
    @RequestBody(required = true, description = "any JSON value, at most cache.max.value.bytes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "204", description = "stored")
    @APIResponse(responseCode = "400", description = "empty or too long key, bad ttl, malformed or too large body",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @PUT
    @Path("entries/{key}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@Parameter(description = KEY_DOC) @PathParam("key") String key,
            @Parameter(description = "expiry in whole seconds (1 to ten years); none: no expiry",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("ttl") String ttl,
            String body) {
        validKey(key);
        Duration expiry = parseTtl(ttl);
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("request body must be a JSON value");
        }
        JsonValue value = parse(body);
        // A JSON string is stored as its raw text, as the Python services store their str values.
        Object stored = value instanceof JsonString s ? s.getString() : value;
        String encoded = value instanceof JsonString s ? s.getString() : value.toString();
        if (encoded.getBytes(StandardCharsets.UTF_8).length > cache.maxValueBytes()) {
            throw new RequestBodyTooLargeException("value exceeds the limit of " + cache.maxValueBytes() + " bytes");
        }
        if (!cache.set(key, stored, expiry)) {
            throw new ServiceUnavailableException(ERR_UNAVAILABLE);
        }
        return Response.noContent().build();
    }

    @Operation(summary = "Read an entry", description = "The stored value as JSON (raw text as a JSON string).")
    @APIResponse(responseCode = "200", description = "the value",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", ref = "BadKey")
    @APIResponse(responseCode = "404", ref = "NoSuchEntry")
    @GET
    @Path("entries/{key}")
    public Response get(@Parameter(description = KEY_DOC) @PathParam("key") String key) {
        validKey(key);
        Optional<JsonValue> value = cache.get(key, JsonValue.class);
        if (value.isPresent()) {
            return Response.ok(value.get().toString(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        requireRedis();
        return ApiError.response(Response.Status.NOT_FOUND, "no entry for key '" + key + "'");
    }

    @Operation(summary = "Delete an entry")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "400", ref = "BadKey")
    @APIResponse(responseCode = "404", ref = "NoSuchEntry")
    @DELETE
    @Path("entries/{key}")
    public Response delete(@Parameter(description = KEY_DOC) @PathParam("key") String key) {
        validKey(key);
        if (cache.delete(key)) {
            return Response.noContent().build();
        }
        requireRedis();
        return ApiError.response(Response.Status.NOT_FOUND, "no entry for key '" + key + "'");
    }

    @Operation(summary = "Time to live of an entry")
    @APIResponse(responseCode = "200", description = "seconds left; -1 no expiry, -2 absent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Ttl")))
    @APIResponse(responseCode = "400", ref = "BadKey")
    @GET
    @Path("entries/{key}/ttl")
    public Map<String, Long> ttl(@Parameter(description = KEY_DOC) @PathParam("key") String key) {
        validKey(key);
        long ttl = cache.getTtl(key);
        if (ttl == -2) {
            requireRedis();
        }
        return Map.of("ttl", ttl);
    }

    @Operation(summary = "Delete the entries matching a pattern",
            description = "SCAN + UNLINK inside the namespace only; never reaches other namespaces.")
    @APIResponse(responseCode = "200", description = "how many entries were removed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Deleted")))
    @APIResponse(responseCode = "400", description = "pattern missing, empty or longer than 1024 bytes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @DELETE
    @Path("entries")
    public Map<String, Long> clear(
            @Parameter(description = "glob over keys inside the namespace (* for all)", required = true)
            @QueryParam("pattern") String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new InvalidRequestException("query parameter 'pattern' is required (use * for every entry)");
        }
        if (pattern.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidRequestException("pattern is longer than " + MAX_KEY_BYTES + " bytes");
        }
        long deleted = cache.clearPattern(pattern);
        if (deleted == 0) {
            requireRedis();
        }
        return Map.of("deleted", deleted);
    }

    /** A key-less path ({@code /entries/}) is an empty key. */
    @Operation(hidden = true)
    @PUT
    @Path("entries")
    public Response putWithoutKey() {
        throw new InvalidRequestException("key must not be empty");
    }

    @Operation(hidden = true)
    @GET
    @Path("entries")
    public Response getWithoutKey() {
        throw new InvalidRequestException("key must not be empty");
    }

    private void requireRedis() {
        if (!cache.healthCheck()) {
            throw new ServiceUnavailableException(ERR_UNAVAILABLE);
        }
    }

    static void validKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidRequestException("key must not be empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidRequestException("key is longer than " + MAX_KEY_BYTES + " bytes");
        }
    }

    static Duration parseTtl(String raw) {
        if (raw == null) {
            return null;
        }
        long seconds;
        try {
            seconds = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("ttl must be a whole number of seconds, got '" + raw + "'");
        }
        if (seconds <= 0 || seconds > MAX_TTL_SECONDS) {
            throw new InvalidRequestException("ttl must be between 1 and " + MAX_TTL_SECONDS + " seconds, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    static JsonValue parse(String body) {
        return JsonText.parseWhole(body);
    }
}
