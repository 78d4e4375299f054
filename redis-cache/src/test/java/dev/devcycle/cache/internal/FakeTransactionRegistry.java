package dev.devcycle.cache.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** A hand-written JTA registry: Weld SE has no transaction manager. One transaction at a time, driven by the test. */
public final class FakeTransactionRegistry implements TransactionSynchronizationRegistry {

    private final List<Synchronization> synchronizations = new ArrayList<>();
    private final Map<Object, Object> resources = new HashMap<>();
    private int status = Status.STATUS_NO_TRANSACTION;

    public synchronized void begin() {
        status = Status.STATUS_ACTIVE;
    }

    public void commit() {
        end(Status.STATUS_COMMITTED);
    }

    public void rollback() {
        end(Status.STATUS_ROLLEDBACK);
    }

    private void end(int outcome) {
        List<Synchronization> toNotify;
        synchronized (this) {
            toNotify = List.copyOf(synchronizations);
            synchronizations.clear();
            status = Status.STATUS_NO_TRANSACTION;
        }
        toNotify.forEach(Synchronization::beforeCompletion);
        toNotify.forEach(s -> s.afterCompletion(outcome));
    }

    public synchronized int registered() {
        return synchronizations.size();
    }

    @Override
    public synchronized Object getTransactionKey() {
        return status == Status.STATUS_NO_TRANSACTION ? null : this;
    }

    @Override
    public synchronized void putResource(Object key, Object value) {
        resources.put(key, value);
    }

    @Override
    public synchronized Object getResource(Object key) {
        return resources.get(key);
    }

    @Override
    public synchronized void registerInterposedSynchronization(Synchronization sync) {
        if (status != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("no active transaction");
        }
        synchronizations.add(sync);
    }

    @Override
    public synchronized int getTransactionStatus() {
        return status;
    }

    @Override
    public synchronized void setRollbackOnly() {
        status = Status.STATUS_MARKED_ROLLBACK;
    }

    @Override
    public synchronized boolean getRollbackOnly() {
        return status == Status.STATUS_MARKED_ROLLBACK;
    }
}
