package dev.devcycle.cache.internal.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.DeclarativeCacheStatistics;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** Concurrent misses of one key: one load in one JVM, and one load across two "instances" sharing a Redis. */
class StampedeTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    private final List<CacheTestContainer> containers = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(100);

    @AfterEach
    void stop() {
        pool.shutdownNow();
        containers.forEach(CacheTestContainer::close);
    }

    private CacheTestContainer start(Map<String, String> config) {
        CacheTestContainer.configure(redis, config);
        CacheTestContainer c = CacheTestContainer.start(SlowLoads.class);
        containers.add(c);
        return c;
    }

    /** Starts all callers at once and returns their results. */
    private List<String> callTogether(List<SlowLoads> beans, int threadsEach, String id) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (SlowLoads bean : beans) {
            for (int i = 0; i < threadsEach; i++) {
                Callable<String> call = () -> {
                    start.await();
                    return bean.value(id);
                };
                futures.add(pool.submit(call));
            }
        }
        start.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> f : futures) {
            results.add(f.get(20, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void hundredThreadsMissingOneKeyLoadOnce() throws Exception {
        CacheTestContainer c = start(Map.of());
        SlowLoads bean = c.bean(SlowLoads.class);

        List<String> results = callTogether(List.of(bean), 100, "k1");

        assertEquals(1, bean.invocations(), "exactly one load for 100 concurrent misses");
        assertTrue(results.stream().allMatch("value-k1"::equals), results.toString());
        DeclarativeCacheStatistics stats = c.caches().statistics("slow").orElseThrow();
        assertEquals(1, stats.loads());
        assertEquals(stats.misses() - 1, stats.suppressedLoads(), "every other missing caller shared the load");
        try (Jedis jedis = redis.jedis()) {
            assertEquals("value-k1", jedis.get("devcycle:slow:k1"));
            assertEquals(null, jedis.get("devcycle:slow:k1:\\lock"), "the lease is given back after the store");
        }
    }

    @Test
    void twoInstancesOnOneRedisLoadOnceInTotal() throws Exception {
        SlowLoads one = start(Map.of()).bean(SlowLoads.class);
        SlowLoads two = start(Map.of()).bean(SlowLoads.class);

        List<String> results = callTogether(List.of(one, two), 50, "k2");

        assertEquals(1, one.invocations() + two.invocations(),
                "one load in total; instance one loaded " + one.invocations() + ", two " + two.invocations());
        assertEquals(100, results.size());
        assertTrue(results.stream().allMatch("value-k2"::equals), results.toString());
    }

    @Test
    void waitersAreBoundedByTheLockWaitAndThenLoadThemselves() throws Exception {
        CacheTestContainer c = start(Map.of("cache.slow.lock-wait", "200ms"));
        SlowLoads bean = c.bean(SlowLoads.class);
        bean.sleep(1500);

        Future<String> leader = pool.submit(() -> bean.value("k3"));
        Thread.sleep(100);
        long started = System.nanoTime();
        Future<String> waiter = pool.submit(() -> bean.value("k3"));
        assertEquals("value-k3", waiter.get(10, TimeUnit.SECONDS));
        long waiterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals("value-k3", leader.get(10, TimeUnit.SECONDS));

        assertEquals(2, bean.invocations(), "the waiter gave up after 200ms and loaded itself");
        assertTrue(waiterMillis < 1500 + 200 + 500, "waiter took " + waiterMillis + " ms");
    }
}
