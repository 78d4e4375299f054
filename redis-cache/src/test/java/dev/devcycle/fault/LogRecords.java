package dev.devcycle.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.devcycle.redis.FailureLog;

/** Collects what a java.util.logging logger writes at WARNING and above, to count failure lines. */
final class LogRecords extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();

    LogRecords(String loggerName) {
        logger = Logger.getLogger(loggerName);
        setLevel(Level.WARNING);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            records.add(record);
        }
    }

    /** Lines whose first parameter (the operation of FailureLog's message) is {@code operation}. */
    synchronized long linesFor(String operation) {
        return records.stream()
                .filter(r -> r.getParameters() != null && r.getParameters().length > 0
                        && operation.equals(r.getParameters()[0]))
                .count();
    }

    synchronized int size() {
        return records.size();
    }

    synchronized List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (LogRecord r : records) {
            texts.add(new java.util.logging.SimpleFormatter().formatMessage(r));
        }
        return texts;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
