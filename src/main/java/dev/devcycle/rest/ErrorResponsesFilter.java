package dev.devcycle.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Gives every {@code /api} operation of the OpenAPI document a {@code default} response with the shared
 * {@code Error} schema: every failure of this API has that body (see {@link ApiError}), including those of resources
 * that document no error responses themselves. Registered by {@code mp.openapi.filter}.
 */
public class ErrorResponsesFilter implements OASFilter {

    static final String API_PREFIX = "/api/";
    static final String ERROR_SCHEMA = "#/components/schemas/Error";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith(API_PREFIX)) {
                continue;
            }
            path.getValue().getOperations().values().forEach(ErrorResponsesFilter::addDefaultError);
        }
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
                        + "404 absent, 409 conflict, 503 Redis or database unavailable)")
                .content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA))));
        operation.getResponses().addAPIResponse(
                APIResponses.DEFAULT, error);
    }
}
