package dev.devcycle.session;

import static dev.devcycle.session.AccessRequirement.ADMIN;
import static dev.devcycle.session.AccessRequirement.ANYONE;
import static dev.devcycle.session.AccessRequirement.AUTHENTICATED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessRuleTest {

    @ParameterizedTest(name = "{0} /api/{1} -> {2}")
    @CsvSource({
            "POST, auth/login, ANYONE",
            "POST, /auth/login/, ANYONE",
            "GET, auth/login, AUTHENTICATED",
            "POST, auth/logout, AUTHENTICATED",
            "GET, auth/sessions, AUTHENTICATED",
            "DELETE, auth/sessions, AUTHENTICATED",
            "DELETE, auth/sessions/abc, AUTHENTICATED",
            "GET, auth/stats, ADMIN",
            "DELETE, auth/stats, ADMIN",
            "GET, cache/stats, ANYONE",
            "GET, cache/entries/x, ANYONE",
            "HEAD, cache/entries/x, ANYONE",
            "OPTIONS, cache/entries/x, ANYONE",
            "PUT, cache/entries/x, ADMIN",
            "DELETE, cache/entries/x, ADMIN",
            "DELETE, cache/entries, ADMIN",
            "DELETE, cache/caches/agents, ADMIN",
            "GET, cache/caches, ANYONE",
            "POST, agents, ADMIN",
            "PUT, agents/a1/status, ADMIN",
            "POST, agents/a1/heartbeat, ADMIN",
            "DELETE, agents/cache, ADMIN",
            "GET, agents/a1/availability, ANYONE",
            "PATCH, anything/new, ADMIN",
            "post, auth/login, ANYONE",
            "POST, auth/login/../../cache/entries/x, ADMIN",
            "GET, cache/./entries/x, ADMIN",
            "POST, auth;x=1/login, ANYONE",
            "POST, auth/loginx, AUTHENTICATED",
            "POST, authx/login, ADMIN",
    })
    void decidesFromMethodAndPath(String method, String path, AccessRequirement expected) {
        assertEquals(expected, AccessRule.requirement(method, path, false));
    }

    @ParameterizedTest(name = "{0} /api/{1} with reads protected -> {2}")
    @CsvSource({
            "GET, cache/entries/x, AUTHENTICATED",
            "HEAD, agents/a1, AUTHENTICATED",
            "POST, auth/login, ANYONE",
            "PUT, cache/entries/x, ADMIN",
            "GET, auth/stats, ADMIN",
    })
    void readsCanRequireAuthentication(String method, String path, AccessRequirement expected) {
        assertEquals(expected, AccessRule.requirement(method, path, true));
    }
}
