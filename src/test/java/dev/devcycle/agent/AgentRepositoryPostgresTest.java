package dev.devcycle.agent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.devcycle.testsupport.PostgresServerProcess;
import dev.devcycle.testsupport.TestDatabase;

/**
 * The repository contract on PostgreSQL: a cluster of this test's own on a free loopback port
 * ({@link PostgresServerProcess}), stopped afterwards. Fails, saying what to install, without PostgreSQL's binaries.
 */
class AgentRepositoryPostgresTest extends AgentRepositoryContract {

    private static PostgresServerProcess server;

    @BeforeAll
    static void openDatabase() throws Exception {
        server = PostgresServerProcess.start();
        db = TestDatabase.postgres(server);
    }

    /** After the contract's own {@code @AfterAll} closed the database (JUnit runs a subclass's first). */
    @AfterAll
    static void stopServer() {
        if (db != null) {
            db.close();
            db = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
