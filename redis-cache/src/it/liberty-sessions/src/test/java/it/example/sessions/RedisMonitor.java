package it.example.sessions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The commands Redis runs while it is open, by {@code MONITOR} on a connection of its own (the IT's own redis-server).
 * A raw socket, because MONITOR is a stream of status lines that Jedis only offers as a blocking callback.
 * {@link #linesAfterPing()} sends a marker through a second connection and returns every line before it.
 */
final class RedisMonitor implements AutoCloseable {

    private final int port;
    private final Socket socket;
    private final BufferedReader in;

    RedisMonitor(int port) throws IOException {
        this.port = port;
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = socket.getOutputStream();
        out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String ok = in.readLine();
        if (!"+OK".equals(ok)) {
            throw new IOException("MONITOR answered " + ok);
        }
    }

    /** Every command seen so far, up to a marker sent now on another connection. */
    List<String> linesAfterPing() throws IOException {
        String marker = "monitor-end-" + UUID.randomUUID();
        try (Socket other = new Socket("127.0.0.1", port)) {
            other.getOutputStream().write(("ECHO " + marker + "\r\n").getBytes(StandardCharsets.US_ASCII));
            other.getOutputStream().flush();
            other.getInputStream().read();
        }
        List<String> lines = new ArrayList<>();
        for (String line; (line = in.readLine()) != null;) {
            if (line.contains(marker)) {
                return lines;
            }
            lines.add(line);
        }
        throw new IOException("MONITOR stream ended before the marker");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
