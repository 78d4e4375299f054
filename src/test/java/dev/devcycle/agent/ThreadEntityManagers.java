package dev.devcycle.agent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * What the container's transaction-scoped entity manager is, for Weld SE tests: one resource-local entity manager per
 * thread behind a shared proxy. Outside a transaction its persistence context is cleared before each operation, so
 * every read sees the committed rows, as with a container-managed one.
 */
public final class ThreadEntityManagers {

    private final EntityManagerFactory emf;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    public ThreadEntityManagers(EntityManagerFactory emf) {
        this.emf = emf;
    }

    EntityManager current() {
        EntityManager em = current.get();
        if (em == null || !em.isOpen()) {
            em = emf.createEntityManager();
            current.set(em);
        }
        return em;
    }

    /** The entity manager to inject. */
    public EntityManager proxy() {
        return (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (p, method, args) -> {
                    EntityManager em = current();
                    if (!em.getTransaction().isActive() && method.getName().startsWith("create")) {
                        em.clear();
                    }
                    try {
                        return method.invoke(em, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
