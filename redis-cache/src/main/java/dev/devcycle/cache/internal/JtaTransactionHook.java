package dev.devcycle.cache.internal;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** {@link AfterCommit.TransactionHook} over JTA's {@link TransactionSynchronizationRegistry}. */
final class JtaTransactionHook implements AfterCommit.TransactionHook {

    /** The standard name of the registry in every Jakarta EE server. */
    static final String JNDI_NAME = "java:comp/TransactionSynchronizationRegistry";

    private static final Logger LOG = Logger.getLogger(JtaTransactionHook.class.getName());
    private static final String MSG_LOOKUP_FAILED = "Lookup of " + JNDI_NAME + " failed ({0}): invalidating now";
    private static final String MSG_ACTION_FAILED = "Cache action after commit failed";

    private final Supplier<TransactionSynchronizationRegistry> registry;

    JtaTransactionHook(Supplier<TransactionSynchronizationRegistry> registry) {
        this.registry = registry;
    }

    static JtaTransactionHook fromJndi() {
        return new JtaTransactionHook(new JndiRegistry());
    }

    @Override
    public boolean deferUntilCommit(Runnable action) {
        TransactionSynchronizationRegistry tsr = registry.get();
        if (tsr == null || tsr.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            return false;
        }
        try {
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // Nothing to do before: the data is not visible yet.
                }

                @Override
                public void afterCompletion(int status) {
                    if (status != Status.STATUS_COMMITTED) {
                        return;
                    }
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        // The transaction is over; a failure here must not reach the transaction manager.
                        LOG.log(Level.WARNING, MSG_ACTION_FAILED, e);
                    }
                }
            });
            return true;
        } catch (IllegalStateException e) {
            // The transaction is already completing: invalidating now is safe (an extra miss at worst).
            return false;
        }
    }

    /**
     * Looks the registry up once and keeps it (it is a server-wide singleton). Without any JNDI provider (Java SE)
     * the answer never changes, so that is remembered too; other lookup failures are retried on the next call.
     */
    static final class JndiRegistry implements Supplier<TransactionSynchronizationRegistry> {

        private volatile TransactionSynchronizationRegistry found;
        private volatile boolean noJndi;

        @Override
        public TransactionSynchronizationRegistry get() {
            TransactionSynchronizationRegistry tsr = found;
            if (tsr != null || noJndi) {
                return tsr;
            }
            try {
                tsr = (TransactionSynchronizationRegistry) new InitialContext().lookup(JNDI_NAME);
                found = tsr;
                return tsr;
            } catch (NoInitialContextException e) {
                noJndi = true;
                return null;
            } catch (NamingException | ClassCastException e) {
                LOG.log(Level.FINE, MSG_LOOKUP_FAILED, e.toString());
                return null;
            }
        }
    }
}
