package dev.devcycle.cache.near;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.CacheLoader;
import dev.devcycle.cache.CacheSettings;
import dev.devcycle.cache.NamedCache;
import dev.devcycle.cache.TimestampedValue;
import dev.devcycle.cache.interceptor.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * Two application instances (Weld containers) on one real Redis, each with a near cache on the same named cache:
 * a write on one removes the entry from the other's near cache (timed), a lost invalidation connection flushes and
 * bypasses the near cache, and values are handed out safely.
 */
class NearCacheCoherenceTest {

    private static final Logger LOG = Logger.getLogger(NearCacheCoherenceTest.class.getName());
    private static final String CACHE = "near:agents";
    private static final String REDIS_KEY = "devcycle:near:agents:a-1";

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    private CacheTestContainer first;
    private CacheTestContainer second;
    private final AtomicInteger loads = new AtomicInteger();

    public record Load(String agentId, int load) {
    }

    @BeforeEach
    void start() {
        CacheTestContainer.configure(redis, Map.of(
                "cache." + CACHE + ".near-cache", "true",
                "cache." + CACHE + ".ttl", "1m",
                "cache.near-cache-heartbeat", "200ms",
                "cache.near-cache-retry", "100ms"));
        first = CacheTestContainer.start();
        second = CacheTestContainer.start();
        awaitTrue(() -> near(first).tracking() && near(second).tracking(), 5000, "both instances track");
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void aWriteOnOneInstanceRemovesTheEntryFromTheOthersNearCacheWithinFiftyMillisecondsAtP99() throws Exception {
        assertEquals("v0", read(first, "a-1", "v0"));
        // Redis hits fill the near cache; a fill is voided while the invalidation of the store is still on its way.
        fill(first, "a-1", "unused");
        long nearHits = near(first).hits();
        assertEquals("v0", read(first, "a-1", "unused"));
        assertEquals(nearHits + 1, near(first).hits(), "served from the near cache");
        assertEquals(1, loads.get());

        int rounds = 200;
        long[] micros = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            String value = "v" + (i + 1);
            awaitTrue(() -> {
                read(first, "a-1", "unused");
                return near(first).contains("a-1");
            }, 2000, "the near cache refills");
            long started = System.nanoTime();
            cache(second).put("a-1", value, settings(second));
            while (near(first).contains("a-1")) {
                Thread.onSpinWait();
                if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(2)) {
                    throw new AssertionError("entry not invalidated within 2 s in round " + i);
                }
            }
            micros[i] = (System.nanoTime() - started) / 1000;
            assertEquals(value, read(first, "a-1", "unused"), "the other instance reads the new value");
        }
        Arrays.sort(micros);
        long p50 = micros[rounds / 2];
        long p99 = micros[(int) Math.ceil(rounds * 0.99) - 1];
        LOG.info(() -> "near-cache invalidation across instances (write included), us: p50=" + p50 + " p99=" + p99
                + " max=" + micros[rounds - 1]);
        assertTrue(p99 < 50_000, "p99 " + p99 + " us");
        assertEquals(1, loads.get(), "no loads: every read after a put was a Redis or near hit");
        Map<String, Object> stats = cache(first).statistics().toMap();
        assertEquals("tracking", stats.get("near_cache"));
        assertTrue((Long) stats.get("near_hits") >= 1);
        assertTrue((Long) stats.get("near_invalidations") >= rounds, stats.toString());
    }

    /** A value that carries the time it was computed, as the agent entries shared with Python do. */
    public record Checked(String value, Instant checkedAt) implements TimestampedValue {
        @Override
        public Optional<Instant> computedAt() {
            return Optional.of(checkedAt);
        }
    }

    @Test
    void aNearCachedValueOlderThanItsOwnTimestampAllowsIsAMiss() throws Exception {
        // Computed 58.5 s before the 1-minute TTL runs out by its own time; Redis keeps it for the whole minute.
        Instant checkedAt = Instant.now().minusSeconds(60).plusMillis(1500);
        CacheLoader<Checked> loader = () -> {
            loads.incrementAndGet();
            return new Checked("v", checkedAt);
        };
        NamedCache cache = cache(first);
        cache.get("t-1", Checked.class, settings(first), loader);
        awaitTrue(() -> {
            try {
                cache.get("t-1", Checked.class, settings(first), loader);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return near(first).contains("t-1");
        }, 2000, "near cache filled");
        long nearHits = near(first).hits();
        cache.get("t-1", Checked.class, settings(first), loader);
        assertEquals(nearHits + 1, near(first).hits(), "served from the near cache while fresh");
        assertEquals(1, loads.get());

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), checkedAt.plusSeconds(60)).toMillis() + 50));

        cache.get("t-1", Checked.class, settings(first), loader);
        assertEquals(2, loads.get(), "as old as the TTL by its own timestamp: loaded again, near cache or not");
    }

    @Test
    void aWriteStraightToRedisAndAFlushAllAreSeenToo() throws Exception {
        fill(first, "a-1", "old");
        try (Jedis jedis = redis.jedis()) {
            jedis.set(REDIS_KEY, "new");
            awaitTrue(() -> !near(first).contains("a-1"), 2000, "invalidated by a foreign write");
            assertEquals("new", read(first, "a-1", "unused"));
            fill(first, "a-1", "unused");
            jedis.flushAll();
            awaitTrue(() -> !near(first).contains("a-1"), 2000, "flushed by FLUSHALL");
        }
        assertEquals("loaded", read(first, "a-1", "loaded"));
    }

    @Test
    void aKilledTrackingConnectionFlushesAndBypassesTheNearCacheUntilTrackingIsBack() throws Exception {
        fill(first, "a-1", "old");
        try (Jedis jedis = redis.jedis()) {
            String list = jedis.clientList();
            long killed = list.lines().filter(l -> l.contains("name=" + InvalidationListener.CLIENT_NAME))
                    .map(l -> l.split(" ")[0].substring("id=".length()))
                    .peek(id -> jedis.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", id))
                    .count();
            assertEquals(2, killed, "one tracking connection per instance");
            // Nothing can tell the other instance about this write: only the flush protects it.
            jedis.set(REDIS_KEY, "changed-while-untracked");
        }
        awaitTrue(() -> !near(first).contains("a-1"), 1000, "flushed when the connection died");
        assertEquals("changed-while-untracked", read(first, "a-1", "unused"));
        awaitTrue(() -> near(first).tracking(), 5000, "tracking re-established");
        fill(first, "a-1", "unused");
        try (Jedis jedis = redis.jedis()) {
            jedis.set(REDIS_KEY, "after-reconnect");
        }
        awaitTrue(() -> !near(first).contains("a-1"), 2000, "coherent again after the reconnect");
        assertEquals("after-reconnect", read(first, "a-1", "unused"));
        assertTrue(near(first).flushes() >= 1);
    }

    @Test
    void aDeadRedisFlushesTheNearCacheAndARestartedOneIsTrackedAgain() throws Exception {
        fill(first, "a-1", "before-outage");
        redis.server().kill();
        awaitTrue(() -> !near(first).tracking() && near(first).size() == 0, 2000, "bypassed and flushed");
        assertEquals("during-outage", read(first, "a-1", "during-outage"), "never the old near-cache value");
        redis.server().restart();
        awaitTrue(() -> near(first).tracking(), 10_000, "tracking again after the restart");
        try (Jedis jedis = redis.jedis()) {
            jedis.set(REDIS_KEY, "after-restart");
        }
        awaitTrue(() -> "after-restart".equals(read(first, "a-1", "unused")), 5000, "reads the restarted Redis");
    }

    @Test
    void deepImmutableValuesAreSharedAndEverythingElseIsDecodedFreshForEachCaller() throws Exception {
        Load load = new Load("a-1", 3);
        NamedCache cache = cache(first);
        Load one = cache.get("rec", Load.class, settings(first), () -> load);
        assertSame(load, one);
        awaitTrue(() -> {
            try {
                cache.get("rec", Load.class, settings(first), () -> null);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return near(first).contains("rec");
        }, 2000, "near cache filled");
        Load fromRedis = cache.get("rec", Load.class, settings(first), () -> null);
        Load fromNear = cache.get("rec", Load.class, settings(first), () -> null);
        assertSame(fromRedis, fromNear, "a record of immutable components is shared (both from the near cache)");
        assertEquals(load, fromNear);

        Type listType = new ArrayList<String>() { }.getClass().getGenericSuperclass();
        Type listOfStrings = ((java.lang.reflect.ParameterizedType) listType);
        cache.get("list", listOfStrings, settings(first), () -> new ArrayList<>(List.of("x", "y")));
        awaitTrue(() -> {
            try {
                cache.get("list", listOfStrings, settings(first), () -> null);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return near(first).contains("list");
        }, 2000, "near cache filled");
        List<String> a = cache.get("list", listOfStrings, settings(first), () -> null);
        List<String> b = cache.get("list", listOfStrings, settings(first), () -> null);
        assertNotSame(a, b, "a mutable list is decoded for each caller");
        a.add("mutated");
        assertEquals(List.of("x", "y"), cache.get("list", listOfStrings, settings(first), () -> null));
        assertTrue(near(first).contains("list"));
        assertFalse(ImmutableTypes.isDeeplyImmutable(listOfStrings));
    }

    private void fill(CacheTestContainer instance, String key, String value) throws Exception {
        read(instance, key, value);
        awaitTrue(() -> {
            read(instance, key, value);
            return near(instance).contains(key);
        }, 2000, "near cache filled");
    }

    private String read(CacheTestContainer instance, String key, String loaded) {
        try {
            return cache(instance).get(key, String.class, settings(instance), () -> {
                loads.incrementAndGet();
                return loaded;
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static NamedCache cache(CacheTestContainer instance) {
        return instance.caches().cache(CACHE);
    }

    private static CacheSettings settings(CacheTestContainer instance) {
        return instance.caches().settings(CACHE, "", "");
    }

    private static NearCache near(CacheTestContainer instance) {
        return cache(instance).nearCache().orElseThrow();
    }

    private static void awaitTrue(BooleanSupplier condition, long millis, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
