package dev.devcycle.agent;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape of agent ids and capabilities: 1-100 letters, digits, {@code _ - .}. They become parts of Redis keys and
 * URL paths, so nothing else is allowed: no {@code :} (key separator), no glob characters, no {@code /}.
 */
public final class AgentIds {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    /**
     * Names the REST API uses for its own paths under {@code /api/agents/}; an agent of such a name could not be
     * addressed as {@code /api/agents/{id}}.
     */
    public static final Set<String> RESERVED = Set.of("available", "least-busy", "cache", "health");

    private AgentIds() {
    }

    /** The id, when it has the allowed shape; else {@link InvalidAgentDataException}. */
    public static String requireId(String id) {
        return require("agent id", id);
    }

    /** The capability, when it has the allowed shape; else {@link InvalidAgentDataException}. */
    public static String requireCapability(String capability) {
        return require("capability", capability);
    }

    /** As {@link #requireId}, and not a reserved name nor dots only (which URLs would resolve away). */
    public static String requireNewId(String id) {
        requireId(id);
        if (RESERVED.contains(id) || id.chars().allMatch(c -> c == '.')) {
            throw new InvalidAgentDataException("agent id '" + id + "' is reserved");
        }
        return id;
    }

    private static String require(String what, String value) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidAgentDataException(what + " must be 1-100 characters of letters, digits, '_', '-' or '.'"
                    + (value == null ? "" : ", got '" + abbreviate(value) + "'"));
        }
        return value;
    }

    private static String abbreviate(String value) {
        return value.length() <= 120 ? value : value.substring(0, 120) + "...";
    }
}
