package it.dev.devcycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests a client library would normalise or refuse (raw {@code \} or NUL in a
 * path, folded headers) and for requests from another loopback address (127.0.0.x), as if from another client.
 * One request per connection; the answer is read until the server closes or Content-Length is reached.
 */
public final class RawHttp {

    /** An answer: status, headers (names lower-cased, last value wins), body as text. */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    private RawHttp() {
    }

    public static Answer send(String from, String method, String target, List<String> headerLines, byte[] body)
            throws IOException {
        return send(from, method, target, headerLines, body, null);
    }

    /**
     * @param body sent with a Content-Length; null for none
     * @param raw  bytes sent as they are after the head (e.g. a chunked body), with no Content-Length; null for none
     */
    public static Answer send(String from, String method, String target, List<String> headerLines, byte[] body,
                              byte[] raw) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(30_000);
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getProperty("it.http.port"))),
                    5_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n");
            for (String line : headerLines) {
                head.append(line).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            if (raw != null) {
                out.write(raw);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Reads one answer: its head, then as many body bytes as it announces (the server may keep the socket open). */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        int n;
        while ((n = in.read(buffer)) > 0) {
            all.write(buffer, 0, n);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0) {
                headEnd = text.indexOf("\r\n\r\n");
            }
            if (headEnd >= 0 && complete(text, headEnd)) {
                break;
            }
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = headEnd < 0 ? text.length() : headEnd;
        String head = text.substring(0, end);
        byte[] bytes = all.toByteArray();
        String body = headEnd < 0 ? "" : new String(bytes, headEnd + 4, bytes.length - headEnd - 4,
                StandardCharsets.UTF_8);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = headers(lines);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static Map<String, String> headers(String[] lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** Whether the bytes so far hold the whole answer (by Content-Length, or the last chunk). */
    private static boolean complete(String text, int headEnd) {
        Map<String, String> headers = headers(text.substring(0, headEnd).split("\r\n"));
        int bodyBytes = text.length() - headEnd - 4;
        if (headers.containsKey("content-length")) {
            return bodyBytes >= Integer.parseInt(headers.get("content-length"));
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return text.endsWith("0\r\n\r\n");
        }
        return false;
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, eol).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, Math.min(body.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
