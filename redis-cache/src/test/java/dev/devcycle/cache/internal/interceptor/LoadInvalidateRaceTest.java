package dev.devcycle.cache.internal.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;

/**
 * A loader that missed and read the old row before a write, and tries to store after the write's invalidation,
 * must not put the old row back into the cache.
 */
class LoadInvalidateRaceTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    static CacheTestContainer container;
    static SlowLoads bean;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void start() {
        CacheTestContainer.configure(redis, Map.of());
        container = CacheTestContainer.start(SlowLoads.class);
        bean = container.bean(SlowLoads.class);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    private static String raw(String key) {
        try (Jedis jedis = redis.jedis()) {
            return jedis.get(key);
        }
    }

    @Test
    void staleLoadDoesNotStoreAfterAnInvalidation() throws Exception {
        bean.row("r1", "old");
        CountDownLatch readDone = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        bean.pauseNextLoad(readDone, proceed);

        Future<String> staleLoad = pool.submit(() -> bean.read("r1"));
        assertTrue(readDone.await(5, TimeUnit.SECONDS), "the loader read the old row");

        bean.write("r1", "new");
        // A reader after the write must not join the stale load: it loads the new row and stores it.
        assertEquals("new", bean.read("r1"));
        assertEquals("new", raw("devcycle:race:r1"));

        proceed.countDown();
        assertEquals("old", staleLoad.get(5, TimeUnit.SECONDS), "the stale caller still gets its own result");

        assertEquals("new", raw("devcycle:race:r1"), "the stale load must not overwrite the fresh entry");
        int before = bean.invocations();
        assertEquals("new", bean.read("r1"));
        assertEquals(before, bean.invocations(), "and the fresh entry is a hit");
    }

    @Test
    void staleLoadDoesNotStoreIntoAnEmptiedKey() throws Exception {
        bean.row("r2", "old");
        CountDownLatch readDone = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        bean.pauseNextLoad(readDone, proceed);

        Future<String> staleLoad = pool.submit(() -> bean.read("r2"));
        assertTrue(readDone.await(5, TimeUnit.SECONDS));
        bean.write("r2", "new");
        proceed.countDown();
        assertEquals("old", staleLoad.get(5, TimeUnit.SECONDS));

        assertNull(raw("devcycle:race:r2"), "the old row must not be stored after the invalidation");
        assertEquals("new", bean.read("r2"));
        assertEquals("new", raw("devcycle:race:r2"));
    }

    @Test
    void staleLoadDoesNotStoreAfterInvalidateAll() throws Exception {
        bean.row("r3", "old");
        CountDownLatch readDone = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        bean.pauseNextLoad(readDone, proceed);

        Future<String> staleLoad = pool.submit(() -> bean.read("r3"));
        assertTrue(readDone.await(5, TimeUnit.SECONDS));
        bean.row("r3", "new");
        container.caches().invalidateAll("race");
        proceed.countDown();
        assertEquals("old", staleLoad.get(5, TimeUnit.SECONDS));

        assertNull(raw("devcycle:race:r3"), "a cleared cache must not receive a load that began before the clear");
        assertEquals("new", bean.read("r3"));
    }

    @Test
    void loadWithoutConcurrentWriteStores() throws Exception {
        bean.row("r4", "v");
        assertEquals("v", bean.read("r4"));
        assertEquals("v", raw("devcycle:race:r4"));
    }
}
