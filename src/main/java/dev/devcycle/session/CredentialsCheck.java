package dev.devcycle.session;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Checks a user name and password against Liberty's user registry (the {@code basicRegistry} of server.xml, or
 * whatever registry replaces it) through the servlet container's programmatic login, and reads the user's groups
 * through the role mapping of server.xml ({@code application-bnd}: role {@code admin} is group {@code admin}, role
 * {@code user} is group {@code user}).
 */
@ApplicationScoped
public class CredentialsCheck {

    static final Set<String> KNOWN_GROUPS = Set.of(Caller.ADMIN_GROUP, Caller.USER_GROUP);

    /** The user's groups when the password is right; empty otherwise, whatever was wrong. */
    public Optional<Set<String>> verify(HttpServletRequest request, String username, String password) {
        try {
            // A stale identity on this request (e.g. a bearer token sent along) would make login() fail.
            if (request.getUserPrincipal() != null) {
                request.logout();
            }
            request.login(username, password);
        } catch (ServletException e) {
            return Optional.empty();
        }
        try {
            Set<String> groups = new LinkedHashSet<>();
            for (String group : KNOWN_GROUPS.stream().sorted().toList()) {
                if (request.isUserInRole(group)) {
                    groups.add(group);
                }
            }
            return Optional.of(groups);
        } finally {
            try {
                // The identity was only needed to read the groups; the token is the only credential handed out.
                request.logout();
            } catch (ServletException e) {
                // Nothing outlives this request: single sign-on cookies are disabled in server.xml.
            }
        }
    }
}
