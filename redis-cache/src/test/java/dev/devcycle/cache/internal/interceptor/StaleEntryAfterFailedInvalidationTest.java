package dev.devcycle.cache.internal.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;

/**
 * An invalidation removes the stale entry even when Redis refuses writes for memory, and when it cannot reach Redis
 * at all the stale entry is not served once Redis is back: the cache is bypassed for that key until the
 * invalidation is done, and readiness counts what is pending.
 */
class StaleEntryAfterFailedInvalidationTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    private static final String KEY = "devcycle:agent:availability:a-1";

    @Test
    void atMaxmemoryWithNoevictionTheInvalidationStillRemovesTheEntry() throws Exception {
        CacheTestContainer.configure(redis, Map.of());
        try (CacheTestContainer c = CacheTestContainer.start(Agents.class); Jedis admin = redis.jedis()) {
            Agents agents = c.bean(Agents.class);
            agents.storeAvailability("a-1", true);
            assertTrue(agents.isAgentAvailable("a-1"));
            assertEquals("true", admin.get(KEY), "cached");
            try {
                String filler = "x".repeat(4096);
                for (int i = 0; i < 300; i++) {
                    admin.set("filler:" + i, filler);
                }
                admin.configSet("maxmemory-policy", "noeviction");
                admin.configSet("maxmemory", "1mb");

                agents.setAvailable("a-1", false);

                assertNull(admin.get(KEY), "the stale entry is gone although Redis refuses writes");
                assertFalse(agents.isAgentAvailable("a-1"), "the new state is answered, not the cached one");
                assertEquals(Map.of(), c.caches().pendingInvalidations(), "nothing left pending");
            } finally {
                admin.configSet("maxmemory", "0");
            }
        }
    }

    @Test
    void anInvalidationThatCannotReachRedisBypassesTheEntryUntilItIsDone() throws Exception {
        CacheTestContainer.configure(redis, Map.of());
        try (CacheTestContainer c = CacheTestContainer.start(Agents.class)) {
            Agents agents = c.bean(Agents.class);
            agents.storeAvailability("a-1", true);
            assertTrue(agents.isAgentAvailable("a-1"));
            staleSnapshotThenFailedInvalidation(agents);
            int calls = agents.calls("isAgentAvailable");
            try (Jedis admin = redis.jedis()) {
                assertEquals("true", admin.get(KEY), "Redis came back from its snapshot with the stale entry");
                awaitClosedCircuit();

                assertFalse(agents.isAgentAvailable("a-1"), "it is not served");
                assertEquals(calls + 1, agents.calls("isAgentAvailable"), "the method answered");
                assertEquals("false", admin.get(KEY), "the invalidation, retried on use, replaced it by the fresh value");
                assertEquals(Map.of(), c.caches().pendingInvalidations());
                assertFalse(agents.isAgentAvailable("a-1"));
                assertEquals(calls + 1, agents.calls("isAgentAvailable"), "and caching resumed for the key");
            }
        }
    }

    @Test
    void readinessCountsPendingInvalidationsAndRetriesThem() throws Exception {
        CacheTestContainer.configure(redis, Map.of());
        try (CacheTestContainer c = CacheTestContainer.start(Agents.class)) {
            Agents agents = c.bean(Agents.class);
            agents.storeAvailability("a-1", true);
            assertTrue(agents.isAgentAvailable("a-1"));
            try (Jedis admin = redis.jedis()) {
                admin.save();
            }
            redis.server().kill();
            agents.setAvailable("a-1", false);
            assertEquals(Map.of("agent:availability", 1), c.caches().pendingInvalidations(), "Redis down: pending");
            redis.server().restart();
            awaitClosedCircuit();
            // The readiness probe's call retries: the key is settled without anyone reading it.
            assertEquals(Map.of(), c.caches().pendingInvalidations());
            try (Jedis admin = redis.jedis()) {
                assertNull(admin.get(KEY));
            }
        }
    }

    /** The entry is in a snapshot, Redis dies, the invalidation fails, Redis restarts from the snapshot. */
    private static void staleSnapshotThenFailedInvalidation(Agents agents) {
        try (Jedis admin = redis.jedis()) {
            admin.save();
        }
        redis.server().kill();
        agents.setAvailable("a-1", false);
        redis.server().restart();
    }

    /** The client's circuit breaker opened during the outage; it lets commands through again after a second. */
    private static void awaitClosedCircuit() throws InterruptedException {
        Thread.sleep(1_500);
    }
}
