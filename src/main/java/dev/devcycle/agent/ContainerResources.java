package dev.devcycle.agent;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The server's resources the agent beans use, injected by the container here and made injectable with
 * {@code @Inject}: the beans then depend on CDI alone, and the Weld SE tests give them stand-ins (a resource-local
 * entity manager, their own transaction registry and executor).
 */
@ApplicationScoped
public class ContainerResources {

    /** The {@code agents} unit's entity manager: a thread-safe proxy bound to the current JTA transaction. */
    @Produces
    @PersistenceContext(unitName = "agents")
    EntityManager entityManager;

    /** For marking the current transaction rollback-only (a dry run). */
    @Produces
    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    /** Liberty's default executor: tasks run with the application's context and stop with it. */
    @Produces
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;
}
