package dev.devcycle.cache.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs cache invalidations (and puts) when the data they follow is visible to other readers: after the active JTA
 * transaction commits, never after a rollback; at once when no transaction is active. An invalidation that ran before
 * the commit would let a concurrent load re-cache the old row until the TTL expires.
 *
 * <p>The JTA API may be absent (Weld SE, a Liberty server without a transaction feature), so everything naming it
 * lives in {@link JtaTransactionHook}, loaded only when the API is there.
 */
public final class AfterCommit {

    /** Defers an action to the end of the current transaction. */
    @FunctionalInterface
    interface TransactionHook {
        /** @return true when the action was deferred; false when no transaction is active */
        boolean deferUntilCommit(Runnable action);
    }

    private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());
    private static final String JTA_API = "jakarta.transaction.TransactionSynchronizationRegistry";
    private static final String MSG_NO_JTA = "JTA API not present: cache invalidations run immediately";

    private final TransactionHook hook;

    AfterCommit(TransactionHook hook) {
        this.hook = hook;
    }

    /** Defers to the JTA transaction of the calling thread when there is one (looked up in JNDI). */
    public static AfterCommit fromEnvironment() {
        try {
            Class.forName(JTA_API, false, AfterCommit.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(Level.FINE, MSG_NO_JTA);
            return immediate();
        }
        return new AfterCommit(JtaTransactionHook.fromJndi());
    }

    /** Never defers. */
    public static AfterCommit immediate() {
        return new AfterCommit(action -> false);
    }

    /** Runs the action after the current transaction commits, or now when there is none. */
    public void execute(Runnable action) {
        if (!hook.deferUntilCommit(action)) {
            action.run();
        }
    }
}
