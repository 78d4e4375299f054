package dev.devcycle.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.naming.Context;

import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import dev.devcycle.testsupport.TestDatabase;
import dev.devcycle.testsupport.TransactionRegistryJndi;
import jakarta.persistence.EntityManager;

/**
 * The agent service as one "application instance" for tests: an H2 database of the test's own, the container's
 * resources by their stand-ins ({@link TestContainerResources}), and a Weld SE container with the caching layer and
 * the agent beans (plus any extra beans a test needs), on the test's redis-server. The module's after-commit
 * invalidation looks the transaction registry up in JNDI itself, so a JNDI stand-in answers it the same
 * {@link ThreadTransactions}. Closing it restores the JNDI property and drops the database.
 */
final class AgentServiceContainer implements AutoCloseable {

    private final TestDatabase db;
    private final CacheTestContainer container;
    private final String previousJndi;

    private AgentServiceContainer(TestDatabase db, CacheTestContainer container, String previousJndi) {
        this.db = db;
        this.container = container;
        this.previousJndi = previousJndi;
    }

    static AgentServiceContainer start(RedisServerExtension redis, Class<?>... extraBeans) {
        TestDatabase db = TestDatabase.h2();
        TestContainerResources.emf = db.emf();
        String previousJndi = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        TransactionRegistryJndi.registry = ThreadTransactions.INSTANCE;
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TransactionRegistryJndi.class.getName());
        CacheTestContainer.configure(redis, Map.of());
        List<Class<?>> beans = new ArrayList<>(List.of(AgentLookups.class, AgentReads.class, LeastBusyRanking.class,
                AgentWrites.class, AgentCacheAdministration.class, AgentCacheHandles.class, AgentRepository.class,
                DatabaseQueryCounter.class, TestContainerResources.class, ResourceLocalTransactionInterceptor.class));
        beans.addAll(List.of(extraBeans));
        return new AgentServiceContainer(db, CacheTestContainer.start(beans.toArray(Class[]::new)), previousJndi);
    }

    <T> T bean(Class<T> type) {
        return container.bean(type);
    }

    TestDatabase database() {
        return db;
    }

    /** Empties both agent tables. */
    void deleteAllAgents() {
        EntityManager em = db.emf().createEntityManager();
        try {
            em.getTransaction().begin();
            em.createNativeQuery("DELETE FROM agent_capabilities").executeUpdate();
            em.createNativeQuery("DELETE FROM agents").executeUpdate();
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }

    @Override
    public void close() {
        container.close();
        TransactionRegistryJndi.registry = null;
        if (previousJndi == null) {
            System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        } else {
            System.setProperty(Context.INITIAL_CONTEXT_FACTORY, previousJndi);
        }
        db.close();
    }
}
