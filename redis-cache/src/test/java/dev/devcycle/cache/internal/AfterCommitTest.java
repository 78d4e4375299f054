package dev.devcycle.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.ValueCodec;
import dev.devcycle.redis.FailureLog;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/** Invalidations follow the JTA transaction: after commit, never after rollback, at once without one. */
class AfterCommitTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    static UnifiedJedis client;

    @BeforeAll
    static void connect() {
        client = RedisClientFactory.create(redis.settings());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private final FakeTransactionRegistry tx = new FakeTransactionRegistry();
    private final AfterCommit afterCommit = new AfterCommit(new JtaTransactionHook(() -> tx));

    private ReadThroughCache cache() {
        FailureLog failures = new FailureLog(Logger.getLogger(AfterCommitTest.class.getName()));
        return new ReadThroughCache("tx", "devcycle:", client, new StoredValues(new ValueCodec(), 1_000_000, failures),
                afterCommit, failures, null);
    }

    private static String raw(String key) {
        try (Jedis jedis = redis.jedis()) {
            return jedis.get(key);
        }
    }

    private static void rawSet(String key, String value) {
        try (Jedis jedis = redis.jedis()) {
            jedis.set(key, value);
        }
    }

    @Test
    void withoutTransactionTheActionRunsAtOnce() {
        AtomicInteger runs = new AtomicInteger();
        afterCommit.execute(runs::incrementAndGet);
        assertEquals(1, runs.get());
    }

    @Test
    void inTransactionTheActionWaitsForTheCommit() {
        AtomicInteger runs = new AtomicInteger();
        tx.begin();
        afterCommit.execute(runs::incrementAndGet);
        assertEquals(0, runs.get());
        tx.commit();
        assertEquals(1, runs.get());
    }

    @Test
    void rolledBackTransactionNeverRunsTheAction() {
        AtomicInteger runs = new AtomicInteger();
        tx.begin();
        afterCommit.execute(runs::incrementAndGet);
        tx.rollback();
        assertEquals(0, runs.get());
    }

    @Test
    void invalidationInsideATransactionRemovesTheEntryOnlyAfterCommit() {
        ReadThroughCache cache = cache();
        rawSet("devcycle:tx:k", "v");
        tx.begin();
        cache.invalidate("k");
        assertNotNull(raw("devcycle:tx:k"), "not before the commit: the new row is not visible yet");
        tx.commit();
        assertNull(raw("devcycle:tx:k"));
    }

    @Test
    void invalidationIsDroppedOnRollback() {
        ReadThroughCache cache = cache();
        rawSet("devcycle:tx:k", "v");
        rawSet("devcycle:tx:other", "w");
        tx.begin();
        cache.invalidate("k");
        assertEquals(0, cache.invalidateAll(), "deferred: nothing removed yet");
        tx.rollback();
        assertEquals("v", raw("devcycle:tx:k"));
        assertEquals("w", raw("devcycle:tx:other"));
    }

    @Test
    void invalidateAllInsideATransactionRunsAfterCommit() {
        ReadThroughCache cache = cache();
        rawSet("devcycle:tx:a", "1");
        tx.begin();
        cache.invalidateAll();
        assertEquals("1", raw("devcycle:tx:a"));
        tx.commit();
        assertNull(raw("devcycle:tx:a"));
    }

    @Test
    void noRegistryMeansNoTransaction() {
        AfterCommit none = new AfterCommit(new JtaTransactionHook(() -> null));
        AtomicInteger runs = new AtomicInteger();
        none.execute(runs::incrementAndGet);
        assertEquals(1, runs.get());
        AfterCommit fromEnvironment = AfterCommit.fromEnvironment();
        fromEnvironment.execute(runs::incrementAndGet);
        assertEquals(2, runs.get(), "Java SE without JNDI: immediate");
    }
}
