package dev.devcycle.openapi;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.devcycle.session.AccessRequirement;
import dev.devcycle.session.AccessRule;

/**
 * Completes every {@code /api} operation of the OpenAPI document with what holds for the whole API, so resources need
 * not repeat it (and resources written later get it too):
 * <ul>
 * <li>a {@code default} response with the shared {@code Error} schema: every failure of this API has that body (see
 * {@code dev.devcycle.rest.ApiError});</li>
 * <li>the answers of the token check every request passes ({@code AuthorizationFilter}): {@code 401} and {@code 503}
 * everywhere (a token that is sent is always checked), {@code 403} where {@link AccessRule} asks for group
 * {@code admin} — each a reference to {@code components/responses} of {@code META-INF/openapi.yaml}, unless the
 * operation declares that status itself;</li>
 * <li>the bearer-token requirement ({@code bearerAuth}) where {@link AccessRule} asks for a token, and which group.</li>
 * </ul>
 * Registered by {@code mp.openapi.filter}. A package of its own: it reads the session's rule and documents the
 * errors of {@code rest}, and neither of those should know the other.
 */
public class ApiDocumentationFilter implements OASFilter {

    static final String API_PREFIX = "/api/";
    static final String ERROR_SCHEMA = "#/components/schemas/Error";
    static final String RESPONSES = "#/components/responses/";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String TOKEN_CHECK_UNAVAILABLE = "TokenCheckUnavailable";
    static final String BEARER_SCHEME = "bearerAuth";
    static final String READS_REQUIRE_AUTH = "auth.reads.require.authentication";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean readsRequireAuth = ConfigProvider.getConfig()
                .getOptionalValue(READS_REQUIRE_AUTH, Boolean.class).orElse(false);
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith(API_PREFIX)) {
                continue;
            }
            String relative = path.getKey().substring(API_PREFIX.length());
            path.getValue().getOperations().forEach((method, operation) -> {
                AccessRequirement requirement = AccessRule.requirement(method.name(), relative, readsRequireAuth);
                addDefaultError(operation);
                addTokenCheckAnswers(operation, requirement);
                addSecurity(operation, requirement);
            });
        }
    }

    private static void addTokenCheckAnswers(Operation operation, AccessRequirement requirement) {
        addShared(operation, "401", UNAUTHORIZED);
        addShared(operation, "503", TOKEN_CHECK_UNAVAILABLE);
        if (requirement == AccessRequirement.ADMIN) {
            addShared(operation, "403", FORBIDDEN);
        }
    }

    /** The shared response under the status, unless the operation says something of its own for it. */
    private static void addShared(Operation operation, String status, String component) {
        if (!responses(operation).hasAPIResponse(status)) {
            responses(operation).addAPIResponse(status, OASFactory.createAPIResponse().ref(RESPONSES + component));
        }
    }

    private static void addSecurity(Operation operation, AccessRequirement requirement) {
        if (requirement == AccessRequirement.ANYONE) {
            return;
        }
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER_SCHEME));
        String who = requirement == AccessRequirement.ADMIN
                ? "Needs a bearer token of a member of group admin (POST /api/auth/login)."
                : "Needs a bearer token (POST /api/auth/login).";
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? who : description + " " + who);
    }

    private static void addDefaultError(Operation operation) {
        if (responses(operation).hasAPIResponse(APIResponses.DEFAULT)) {
            return;
        }
        APIResponse error = OASFactory.createAPIResponse()
                .description("any error: the status code says which (400 bad input, 401/403 authentication, "
                        + "404 absent, 409 conflict, 413 body over its limit, 415 unknown charset, 429 too many "
                        + "failed logins, 503 Redis or database unavailable)")
                .content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA))));
        responses(operation).addAPIResponse(APIResponses.DEFAULT, error);
    }

    private static APIResponses responses(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        return operation.getResponses();
    }
}
