package example.sessions;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Session attributes of three shapes, as an application keeps them: a counter ({@code Integer}), a list of the servers
 * that served the session ({@code ArrayList<String>}) and a large {@code byte[]} (256 KiB). Answers are
 * {@code name=value} lines so the IT needs no JSON library.
 *
 * <ul>
 * <li>{@code GET /session} — the session's state, or {@code session=none} (no session is created)</li>
 * <li>{@code POST /session/increment} — creates the session if needed, counter + 1, appends this server to the list,
 *     stores the large value once</li>
 * <li>{@code POST /session/attribute?name=N} — sets attribute {@code N} to this server's name</li>
 * <li>{@code POST /session/expire?seconds=S} — creates a session that expires after S seconds without access</li>
 * <li>{@code POST /session/invalidate} — invalidates the session</li>
 * <li>{@code GET /session/touch} — the benchmark's request (src/bench/scripts/wrk-sessions.sh): creates the session
 *     with a 1 KiB profile if needed, reads the profile, counter + 1</li>
 * </ul>
 */
@WebServlet("/session/*")
public class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int LARGE_BYTES = 256 * 1024;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/touch".equals(request.getPathInfo())) {
            touch(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        PrintWriter out = text(response);
        out.println("server=" + server());
        if (session == null) {
            out.println("session=none");
            return;
        }
        describe(session, out);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (action) {
            case "/increment" -> {
                HttpSession session = request.getSession(true);
                Integer counter = (Integer) session.getAttribute("counter");
                session.setAttribute("counter", counter == null ? 1 : counter + 1);
                @SuppressWarnings("unchecked")
                ArrayList<String> servers = (ArrayList<String>) session.getAttribute("servers");
                ArrayList<String> updated = servers == null ? new ArrayList<>() : new ArrayList<>(servers);
                updated.add(server());
                // setAttribute again: with writeContents=ONLY_SET_ATTRIBUTES only attributes set are written.
                session.setAttribute("servers", updated);
                if (session.getAttribute("large") == null) {
                    session.setAttribute("large", large());
                }
                PrintWriter out = text(response);
                out.println("server=" + server());
                describe(session, out);
            }
            case "/attribute" -> {
                String name = request.getParameter("name");
                if (name == null || name.isEmpty()) {
                    response.sendError(400, "name missing");
                    return;
                }
                HttpSession session = request.getSession(true);
                session.setAttribute(name, server());
                text(response).println("id=" + session.getId());
            }
            case "/expire" -> {
                HttpSession session = request.getSession(true);
                session.setMaxInactiveInterval(Integer.parseInt(request.getParameter("seconds")));
                session.setAttribute("counter", 1);
                text(response).println("id=" + session.getId());
            }
            case "/invalidate" -> {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                text(response).println("invalidated=" + (session != null));
            }
            default -> response.sendError(404, "unknown action " + action);
        }
    }

    private static void touch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(true);
        byte[] profile = (byte[]) session.getAttribute("profile");
        if (profile == null) {
            profile = new byte[1024];
            session.setAttribute("profile", profile);
        }
        Integer counter = (Integer) session.getAttribute("counter");
        session.setAttribute("counter", counter == null ? 1 : counter + 1);
        text(response).println("counter=" + session.getAttribute("counter") + " profile=" + profile.length);
    }

    private static void describe(HttpSession session, PrintWriter out) {
        out.println("id=" + session.getId());
        out.println("counter=" + session.getAttribute("counter"));
        out.println("servers=" + session.getAttribute("servers"));
        byte[] large = (byte[]) session.getAttribute("large");
        out.println("large=" + (large == null ? "none" : Arrays.equals(large, large()) ? "intact" : "corrupt"));
        List<String> names = new ArrayList<>();
        session.getAttributeNames().asIterator().forEachRemaining(names::add);
        names.sort(null);
        out.println("names=" + String.join(",", names));
    }

    /** 256 KiB whose every byte depends on its position, so a truncated or shifted copy is noticed. */
    static byte[] large() {
        byte[] bytes = new byte[LARGE_BYTES];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 8));
        }
        return bytes;
    }

    private static String server() {
        return System.getProperty("wlp.server.name", "unknown");
    }

    private static PrintWriter text(HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        return response.getWriter();
    }
}
