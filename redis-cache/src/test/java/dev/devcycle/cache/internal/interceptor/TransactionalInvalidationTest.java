package dev.devcycle.cache.internal.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import javax.naming.Context;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.internal.FakeTransactionRegistry;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import dev.devcycle.testsupport.TransactionRegistryJndi;
import redis.clients.jedis.Jedis;

/**
 * {@code @CacheInvalidate} inside a JTA transaction, found through JNDI as on Liberty: the entry goes after the
 * commit, and stays after a rollback.
 */
class TransactionalInvalidationTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    static CacheTestContainer container;
    static Agents agents;
    static final FakeTransactionRegistry TX = new FakeTransactionRegistry();

    @BeforeAll
    static void start() {
        TransactionRegistryJndi.registry = TX;
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TransactionRegistryJndi.class.getName());
        CacheTestContainer.configure(redis, Map.of());
        container = CacheTestContainer.start(Agents.class);
        agents = container.bean(Agents.class);
    }

    @AfterAll
    static void stop() {
        container.close();
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        TransactionRegistryJndi.registry = null;
    }

    private static String raw(String key) {
        try (Jedis jedis = redis.jedis()) {
            return jedis.get(key);
        }
    }

    @Test
    void invalidationRunsAfterCommit() {
        agents.isAgentAvailable("t-1");
        TX.begin();
        agents.setAvailable("t-1", true);
        assertEquals("false", raw("devcycle:agent:availability:t-1"), "still there until the commit");
        TX.commit();
        assertNull(raw("devcycle:agent:availability:t-1"));
    }

    @Test
    void invalidationIsDroppedOnRollback() {
        agents.isAgentAvailable("t-2");
        TX.begin();
        agents.setAvailable("t-2", true);
        TX.rollback();
        assertEquals("false", raw("devcycle:agent:availability:t-2"));
    }

    @Test
    void withoutTransactionInvalidationIsImmediate() {
        agents.isAgentAvailable("t-3");
        agents.setAvailable("t-3", true);
        assertNull(raw("devcycle:agent:availability:t-3"));
    }

    @Test
    void namedCachesFollowTheTransactionToo() {
        agents.isAgentAvailable("t-4");
        TX.begin();
        container.caches().invalidate("agent:availability", "t-4");
        assertEquals("false", raw("devcycle:agent:availability:t-4"));
        TX.commit();
        assertNull(raw("devcycle:agent:availability:t-4"));
    }
}
