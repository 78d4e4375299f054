package dev.devcycle.agent;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/** Produces the tests' entity manager (see {@link ThreadEntityManagers}) on the factory a test installs. */
@Singleton
public class TestPersistence {

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
}
