package dev.devcycle.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

class FailureLogTest {

    private final List<LogRecord> records = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final Logger logger = Logger.getAnonymousLogger();

    FailureLogTest() {
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void oneLinePerDistinctFailurePerInterval() {
        FailureLog log = new FailureLog(logger, Duration.ofSeconds(60), now::get);
        RuntimeException down = new IllegalStateException("down");
        assertTrue(log.failure("get", "k1", down));
        for (int i = 0; i < 1000; i++) {
            assertFalse(log.failure("get", "k" + i, down), "suppressed within the interval");
        }
        assertTrue(log.failure("set", down), "another operation is another failure");
        assertTrue(log.failure("get", new IllegalArgumentException()), "another exception type too");
        assertEquals(3, records.size());

        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertTrue(log.failure("get", "k", down));
        assertEquals(1000L, records.get(3).getParameters()[3], "reports how many were suppressed");
    }

    @Test
    void describeNamesTheRootCause() {
        RuntimeException wrapped = new RuntimeException("No more attempts left.");
        wrapped.addSuppressed(new RuntimeException("outer", new java.net.ConnectException("Connection refused")));
        String text = FailureLog.describe(wrapped);
        assertTrue(text.contains("No more attempts left.") && text.contains("ConnectException: Connection refused"),
                text);
    }
}
