package dev.devcycle.rest;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.devcycle.cache.RedisCache;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
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
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CacheResource {

    /** Keys are at most this many UTF-8 bytes; Redis allows far more, but such a key is a caller's bug. */
    static final int MAX_KEY_BYTES = 1024;
    /** Ten years: anything longer is a unit mistake. */
    static final long MAX_TTL_SECONDS = 315_360_000L;
    static final String ERR_UNAVAILABLE = "Redis is unavailable";

    @Inject
    RedisCache cache;

    @GET
    @Path("stats")
    public Map<String, Object> stats() {
        return cache.getStats();
    }

    @PUT
    @Path("entries/{key}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("key") String key, @QueryParam("ttl") String ttl, String body) {
        validKey(key);
        Duration expiry = parseTtl(ttl);
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("request body must be a JSON value");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > cache.maxValueBytes()) {
            throw new InvalidRequestException("value exceeds the limit of " + cache.maxValueBytes() + " bytes");
        }
        JsonValue value = parse(body);
        // A JSON string is stored as its raw text, like the seed stores Python str values.
        Object stored = value instanceof JsonString s ? s.getString() : value;
        if (!cache.set(key, stored, expiry)) {
            throw new ServiceUnavailableException(ERR_UNAVAILABLE);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("entries/{key}")
    public Response get(@PathParam("key") String key) {
        validKey(key);
        Optional<JsonValue> value = cache.get(key, JsonValue.class);
        if (value.isPresent()) {
            return Response.ok(value.get().toString(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        requireRedis();
        return ApiError.response(Response.Status.NOT_FOUND, "no entry for key '" + key + "'");
    }

    @DELETE
    @Path("entries/{key}")
    public Response delete(@PathParam("key") String key) {
        validKey(key);
        if (cache.delete(key)) {
            return Response.noContent().build();
        }
        requireRedis();
        return ApiError.response(Response.Status.NOT_FOUND, "no entry for key '" + key + "'");
    }

    @GET
    @Path("entries/{key}/ttl")
    public Map<String, Long> ttl(@PathParam("key") String key) {
        validKey(key);
        long ttl = cache.getTtl(key);
        if (ttl == -2) {
            requireRedis();
        }
        return Map.of("ttl", ttl);
    }

    @DELETE
    @Path("entries")
    public Map<String, Long> clear(@QueryParam("pattern") String pattern) {
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
    @PUT
    @Path("entries")
    public Response putWithoutKey() {
        throw new InvalidRequestException("key must not be empty");
    }

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
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw new InvalidRequestException("malformed JSON body: " + e.getMessage());
        }
    }
}
