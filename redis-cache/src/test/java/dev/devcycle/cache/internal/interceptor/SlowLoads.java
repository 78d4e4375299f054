package dev.devcycle.cache.internal.interceptor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devcycle.cache.CacheInvalidate;
import dev.devcycle.cache.CacheKey;
import dev.devcycle.cache.CacheResult;

/** Loads that take time or wait for the test, for stampede and race tests. */
@ApplicationScoped
public class SlowLoads {

    private final AtomicInteger invocations = new AtomicInteger();
    private final Map<String, String> rows = new ConcurrentHashMap<>();
    private volatile long sleepMillis = 300;
    private volatile CountDownLatch readDone;
    private volatile CountDownLatch proceed;

    int invocations() {
        return invocations.get();
    }

    void sleep(long millis) {
        sleepMillis = millis;
    }

    void row(String id, String value) {
        rows.put(id, value);
    }

    /** The next load signals readDone after reading its row, then waits for proceed before returning it. */
    void pauseNextLoad(CountDownLatch readDone, CountDownLatch proceed) {
        this.readDone = readDone;
        this.proceed = proceed;
    }

    @CacheResult(cacheName = "slow", ttl = "1m")
    public String value(String id) throws InterruptedException {
        invocations.incrementAndGet();
        Thread.sleep(sleepMillis);
        return "value-" + id;
    }

    @CacheResult(cacheName = "race", ttl = "1m")
    public String read(String id) throws InterruptedException {
        invocations.incrementAndGet();
        String value = rows.get(id);
        CountDownLatch done = readDone;
        CountDownLatch go = proceed;
        if (done != null) {
            readDone = null;
            proceed = null;
            done.countDown();
            if (!go.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never released the paused load");
            }
        }
        return value;
    }

    @CacheInvalidate(cacheName = "race")
    public void write(@CacheKey String id, String value) {
        rows.put(id, value);
    }
}
