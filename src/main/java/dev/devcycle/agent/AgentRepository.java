package dev.devcycle.agent;

import java.util.List;
import java.util.Optional;

import dev.devcycle.agent.model.Agent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * The agents in the database. Every read is one SQL statement (capabilities are join-fetched with their agent), so
 * {@link DatabaseQueryCounter} counts exactly what reaches the database; the repository tests hold it to that.
 * Nothing here caches: caching is declared on {@link AgentLookups}.
 */
@ApplicationScoped
public class AgentRepository {

    private static final String SELECT_WITH_CAPABILITIES =
            "SELECT DISTINCT a FROM Agent a LEFT JOIN FETCH a.capabilities";

    @Inject
    EntityManager em;

    @Inject
    DatabaseQueryCounter counter;

    protected AgentRepository() {
        // for CDI
    }

    /** For use without CDI, e.g. in tests on a resource-local entity manager. */
    public AgentRepository(EntityManager em, DatabaseQueryCounter counter) {
        this.em = em;
        this.counter = counter;
    }

    /** The agent with this name, with its capabilities; one query. */
    public Optional<Agent> find(String name) {
        counter.queried(1);
        return em.createQuery(SELECT_WITH_CAPABILITIES + " WHERE a.name = :name", Agent.class)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }

    /** Every agent, ordered by name; one query. */
    public List<Agent> findAll() {
        counter.queried(1);
        return em.createQuery(SELECT_WITH_CAPABILITIES + " ORDER BY a.name", Agent.class).getResultList();
    }

    /** The agents having a capability (available or not), ordered by name; one query. */
    public List<Agent> findHavingCapability(String capability) {
        counter.queried(1);
        return em.createQuery(SELECT_WITH_CAPABILITIES
                        + " WHERE :capability MEMBER OF a.capabilities ORDER BY a.name", Agent.class)
                .setParameter("capability", capability)
                .getResultList();
    }

    /** How many agents there are; one query. */
    public long count() {
        counter.queried(1);
        return em.createQuery("SELECT COUNT(a) FROM Agent a", Long.class).getSingleResult();
    }

    /**
     * The agent, locked for update until the transaction ends, so concurrent writes of one agent are serialised and
     * each sees the state the previous one committed (the before-image that decides what to invalidate). Two
     * queries: the locked row (a lock cannot cover the outer join of the capabilities on PostgreSQL), then its
     * capabilities. Requires an active transaction.
     */
    public Optional<Agent> findForUpdate(String name) {
        counter.queried(1);
        Optional<Agent> agent = em.createQuery("SELECT a FROM Agent a WHERE a.name = :name", Agent.class)
                .setParameter("name", name)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
        agent.ifPresent(a -> {
            counter.queried(1);
            a.getCapabilities();
        });
        return agent;
    }

    /** Inserts a new agent and flushes, so a duplicate name fails here rather than at commit. */
    public void insert(Agent agent) {
        em.persist(agent);
        flush();
    }

    /** Deletes an agent (found in this transaction) and its capabilities. */
    public void delete(Agent agent) {
        em.remove(agent);
        flush();
    }

    /** Writes pending changes of this transaction now, so constraint violations surface inside the caller. */
    public void flush() {
        em.flush();
        counter.wrote();
    }
}
