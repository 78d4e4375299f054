package dev.devcycle.rest;

import java.util.List;

/**
 * A boolean query parameter read strictly: absent is false, {@code true} and {@code false} are themselves, and
 * anything else — {@code 1}, {@code yes}, {@code on}, {@code TRUE}, an empty value, two values — is a 400. JAX-RS'
 * own conversion ({@code Boolean.valueOf}) reads every word but "true" as false, so a caller who meant a dry run
 * with {@code ?dry_run=1} would write for real.
 */
public final class BooleanParameter {

    private BooleanParameter() {
    }

    /** @param values every value the parameter was given ({@code @QueryParam} on a {@code List<String>}) */
    public static boolean parse(String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            return false;
        }
        if (values.size() == 1) {
            if ("true".equals(values.get(0))) {
                return true;
            }
            if ("false".equals(values.get(0))) {
                return false;
            }
        }
        throw new InvalidRequestException("query parameter '" + name + "' must be true or false, given once");
    }
}
