package dev.devcycle.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects what Jedis logs at WARNING and above while it is open. Jedis logs through SLF4J; the tests' classpath has
 * slf4j-jdk14, as the service has, so its lines arrive at the {@code redis.clients.jedis} java.util.logging logger.
 */
public final class JedisLogLines extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("redis.clients.jedis");
    private final List<String> lines = new ArrayList<>();

    public JedisLogLines() {
        setLevel(Level.WARNING);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            lines.add(record.getLoggerName() + ": " + new SimpleFormatter().formatMessage(record));
        }
    }

    /** The warnings logged so far. */
    public synchronized List<String> warnings() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
