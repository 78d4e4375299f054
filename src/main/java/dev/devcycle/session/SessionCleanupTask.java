package dev.devcycle.session;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.devcycle.redis.FailureLog;
import dev.devcycle.session.store.SessionStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Periodically removes dangling ids (session info already expired) from every {@code user_sessions:*} set. Runs on
 * the server's managed scheduled executor, so the task is stopped with the application and never outlives it as a
 * raw thread would. Several instances running it at once is harmless: it only removes what is already dead.
 */
@ApplicationScoped
public class SessionCleanupTask {

    private static final Logger LOG = Logger.getLogger(SessionCleanupTask.class.getName());
    private static final String MSG_SCHEDULED = "Session clean-up scheduled every {0} s";
    private static final String MSG_PRUNED = "Session clean-up removed {0} dangling session id(s)";
    private static final FailureLog FAILURES = new FailureLog(LOG);

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService executor;

    @Inject
    SessionStore store;

    @Inject
    AuthSettings settings;

    private ScheduledFuture<?> schedule;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        long period = settings.cleanupInterval().toSeconds();
        schedule = executor.scheduleAtFixedRate(this::runOnce, period, period, TimeUnit.SECONDS);
        LOG.log(Level.INFO, MSG_SCHEDULED, period);
    }

    /** One pass; a Redis outage is logged (rate-limited) and the next pass tries again. */
    public long runOnce() {
        try {
            long removed = store.pruneDangling();
            if (removed > 0) {
                LOG.log(Level.INFO, MSG_PRUNED, removed);
            }
            return removed;
        } catch (RuntimeException e) {
            FAILURES.failure("session clean-up", e.getCause() == null ? e : e.getCause());
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
