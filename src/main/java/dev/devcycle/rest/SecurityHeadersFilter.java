package dev.devcycle.rest;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Browser protections on every answer of the application (the dashboard, its scripts and the API): no MIME sniffing,
 * no framing by other sites (clickjacking), no referrer leaving the site, and a Content-Security-Policy. The dashboard
 * loads only its own scripts and styles and talks only to this origin, so its policy allows exactly that; API answers
 * are data, never a document, so theirs allows nothing. Set before the chain runs, so error answers carry them too.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The dashboard: same-origin scripts, styles, images and fetches; no plugins, no base or form tricks. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** JSON answers: nothing may run or load as part of them. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Content-Security-Policy", path.startsWith("/api/") ? API_POLICY : PAGE_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
