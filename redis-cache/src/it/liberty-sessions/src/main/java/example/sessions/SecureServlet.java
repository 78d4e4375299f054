package example.sessions;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A resource behind a login (BASIC, role {@code user}), for Liberty's distributed authentication cache:
 * {@code GET /secure} names the caller and the server, {@code POST /secure/logout} logs out (Liberty then removes the
 * caller's subject from the authentication cache). Never creates an HTTP session.
 */
@WebServlet("/secure/*")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class SecureServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = text(response);
        out.println("server=" + System.getProperty("wlp.server.name", "unknown"));
        out.println("user=" + request.getUserPrincipal().getName());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!"/logout".equals(request.getPathInfo())) {
            response.sendError(404);
            return;
        }
        request.logout();
        text(response).println("logged-out=true");
    }

    private static PrintWriter text(HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        return response.getWriter();
    }
}
