package dev.devcycle.agent;

import java.util.concurrent.Executor;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The stand-ins of {@link ContainerResources} for Weld SE: the tests' entity manager (see {@link ThreadEntityManagers})
 * on the factory a test installs, the tests' transaction registry ({@link ThreadTransactions}) and a daemon thread
 * per task for the managed executor.
 */
@Singleton
public class TestContainerResources {

    static volatile EntityManagerFactory emf;

    @Produces
    @Singleton
    ThreadEntityManagers entityManagers() {
        return new ThreadEntityManagers(emf);
    }

    @Produces
    @Singleton
    EntityManager entityManager(ThreadEntityManagers managers) {
        return managers.proxy();
    }

    @Produces
    TransactionSynchronizationRegistry transactions() {
        return ThreadTransactions.INSTANCE;
    }

    @Produces
    Executor executor() {
        return task -> {
            Thread thread = new Thread(task, "test-managed-executor");
            thread.setDaemon(true);
            thread.start();
        };
    }
}
