package dev.devcycle.agent;

import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the SQL queries the agent repository sends to the database in this JVM: the proof that a cache hit costs
 * no query. Reads are counted per SQL statement ({@code db_queries}); writes per statement batch flushed
 * ({@code db_writes}). The repository tests check the read counts against the statements EclipseLink really runs.
 */
@ApplicationScoped
public class DatabaseQueryCounter {

    private final LongAdder queries = new LongAdder();
    private final LongAdder writes = new LongAdder();

    void queried(int statements) {
        queries.add(statements);
    }

    void wrote() {
        writes.increment();
    }

    /** SELECT statements issued so far. */
    public long queries() {
        return queries.sum();
    }

    /** Flushes of inserts, updates or deletes so far. */
    public long writes() {
        return writes.sum();
    }
}
