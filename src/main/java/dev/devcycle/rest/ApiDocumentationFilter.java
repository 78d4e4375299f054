package dev.devcycle.rest;

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
 * {@link ApiError});</li>
 * <li>the bearer-token requirement ({@code bearerAuth}) where {@link AccessRule} — the rule the request filter
 * enforces — asks for a token, and which group.</li>
 * </ul>
 * Registered by {@code mp.openapi.filter}.
 */
public class ApiDocumentationFilter implements OASFilter {

    static final String API_PREFIX = "/api/";
    static final String ERROR_SCHEMA = "#/components/schemas/Error";
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
                addDefaultError(operation);
                addSecurity(operation, AccessRule.requirement(method.name(), relative, readsRequireAuth));
            });
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
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (operation.getResponses().hasAPIResponse(APIResponses.DEFAULT)) {
            return;
        }
        APIResponse error = OASFactory.createAPIResponse()
                .description("any error: the status code says which (400 bad input, 401/403 authentication, "
                        + "404 absent, 409 conflict, 413 body over its limit, 415 unknown charset, 429 too many "
                        + "failed logins, 503 Redis or database unavailable)")
                .content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA))));
        operation.getResponses().addAPIResponse(
                APIResponses.DEFAULT, error);
    }
}
