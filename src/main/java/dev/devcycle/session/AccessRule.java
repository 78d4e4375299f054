package dev.devcycle.session;

import java.util.Locale;
import java.util.Set;

/**
 * The protection rule for everything under {@code /api}, decided from the method and path alone so that it also
 * covers resources written later by other features, without an annotation on them:
 * <ol>
 * <li>{@code POST /api/auth/login} is open;</li>
 * <li>{@code /api/auth/stats} and {@code /api/health} (health with every detail) need group {@code admin};</li>
 * <li>the rest of {@code /api/auth} (the caller's own logout and sessions) needs a valid token;</li>
 * <li>every other method than GET, HEAD and OPTIONS (writes, clears, deletes) needs group {@code admin};</li>
 * <li>reads are open, or need a valid token when {@code auth.reads.require.authentication} is set.</li>
 * </ol>
 * A path that is not in canonical form ({@code .} or {@code ..} segments, which routing might resolve differently)
 * is treated like a write: it never slips through as a read or as the login.
 */
public final class AccessRule {

    static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    static final String AUTH = "auth";
    static final String LOGIN = "auth/login";
    static final String STATS = "auth/stats";
    static final String HEALTH = "health";

    private AccessRule() {
    }

    /**
     * @param method HTTP method
     * @param path   the request path relative to {@code /api}, decoded, with or without leading/trailing slashes
     */
    public static AccessRequirement requirement(String method, String path, boolean readsRequireAuth) {
        String m = method.toUpperCase(Locale.ROOT);
        String p = canonical(path);
        if (p == null) {
            return AccessRequirement.ADMIN;
        }
        if (m.equals("POST") && p.equals(LOGIN)) {
            return AccessRequirement.ANYONE;
        }
        if (within(p, STATS) || within(p, HEALTH)) {
            return AccessRequirement.ADMIN;
        }
        if (within(p, AUTH)) {
            return AccessRequirement.AUTHENTICATED;
        }
        if (!READ_METHODS.contains(m)) {
            return AccessRequirement.ADMIN;
        }
        return readsRequireAuth ? AccessRequirement.AUTHENTICATED : AccessRequirement.ANYONE;
    }

    private static boolean within(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Without empty segments and matrix parameters; null when a segment is {@code .} or {@code ..}. */
    static String canonical(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            int matrix = segment.indexOf(';');
            String s = matrix >= 0 ? segment.substring(0, matrix) : segment;
            if (s.isEmpty()) {
                continue;
            }
            if (s.equals(".") || s.equals("..")) {
                return null;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(s);
        }
        return out.toString();
    }
}
