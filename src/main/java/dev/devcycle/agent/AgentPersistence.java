package dev.devcycle.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Makes the container's entity manager of the {@code agents} unit injectable with {@code @Inject}, so the repository
 * does not depend on container injection and tests can hand it a resource-local one. The container's instance is a
 * thread-safe proxy bound to the current JTA transaction.
 */
@ApplicationScoped
public class AgentPersistence {

    @Produces
    @PersistenceContext(unitName = "agents")
    EntityManager entityManager;
}
