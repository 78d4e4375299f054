package dev.devcycle.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * A JTA synchronization registry for Weld SE tests, one transaction per thread (as a real transaction manager), so
 * the caching layer defers invalidations to the commit exactly as on Liberty, while loads run on other threads.
 * Driven by {@link ResourceLocalTransactionInterceptor}.
 */
public final class ThreadTransactions implements TransactionSynchronizationRegistry {

    /** The one registry of the agent tests: the JNDI stand-in answers it, the transaction interceptor drives it. */
    static final ThreadTransactions INSTANCE = new ThreadTransactions();

    private static final class Tx {
        final Map<Object, Object> resources = new HashMap<>();
        final List<Synchronization> synchronizations = new ArrayList<>();
        boolean rollbackOnly;
    }

    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    boolean active() {
        return current.get() != null;
    }

    void begin() {
        if (current.get() != null) {
            throw new IllegalStateException("transaction already active on this thread");
        }
        current.set(new Tx());
    }

    void complete(boolean committed) {
        Tx tx = current.get();
        current.remove();
        int status = committed ? Status.STATUS_COMMITTED : Status.STATUS_ROLLEDBACK;
        for (Synchronization s : tx.synchronizations) {
            s.afterCompletion(status);
        }
    }

    @Override
    public Object getTransactionKey() {
        return current.get();
    }

    @Override
    public void putResource(Object key, Object value) {
        tx().resources.put(key, value);
    }

    @Override
    public Object getResource(Object key) {
        return tx().resources.get(key);
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
        tx().synchronizations.add(sync);
    }

    @Override
    public int getTransactionStatus() {
        Tx tx = current.get();
        if (tx == null) {
            return Status.STATUS_NO_TRANSACTION;
        }
        return tx.rollbackOnly ? Status.STATUS_MARKED_ROLLBACK : Status.STATUS_ACTIVE;
    }

    @Override
    public void setRollbackOnly() {
        tx().rollbackOnly = true;
    }

    @Override
    public boolean getRollbackOnly() {
        return tx().rollbackOnly;
    }

    private Tx tx() {
        Tx tx = current.get();
        if (tx == null) {
            throw new IllegalStateException("no transaction on this thread");
        }
        return tx;
    }
}
