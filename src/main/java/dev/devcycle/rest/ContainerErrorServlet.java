package dev.devcycle.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The error page of every error the web container answers itself, before any resource runs (a path it refuses to
 * decode, such as an encoded {@code /} or {@code \}; a missing static file): the same {@code {"error": ...}} body as
 * the API, with the container's status, instead of an HTML page. Mapped by status in web.xml. The text names the
 * status only: the container's own message may quote the request.
 */
@WebServlet(urlPatterns = ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PATH = "/container-error";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + message(status) + "\"}");
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "malformed request: the path has characters the server does not accept (an encoded / or \\\\, "
                    + "NUL, CR, LF or an invalid %-escape; see docs/security.md)";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request too large";
            case 414 -> "request URI too long";
            case 415 -> "unsupported media type";
            default -> status >= 500 ? "internal error" : "request refused (" + status + ")";
        };
    }
}
