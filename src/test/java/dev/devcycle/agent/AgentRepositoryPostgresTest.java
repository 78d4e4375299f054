package dev.devcycle.agent;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import dev.devcycle.testsupport.TestDatabase;

/**
 * The repository contract on the local PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth), in a schema of
 * its own that is dropped afterwards. Skipped, saying so, when no PostgreSQL answers there.
 */
class AgentRepositoryPostgresTest extends AgentRepositoryContract {

    @BeforeAll
    static void openDatabase() {
        Assumptions.assumeTrue(TestDatabase.postgresReachable(), "PostgreSQL not reachable on "
                + TestDatabase.PG_HOST + ":" + TestDatabase.PG_PORT + "/" + TestDatabase.PG_DATABASE
                + " as " + TestDatabase.PG_USER + ": PostgreSQL repository tests skipped");
        db = TestDatabase.postgres();
    }
}
