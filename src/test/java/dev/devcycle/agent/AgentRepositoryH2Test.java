package dev.devcycle.agent;

import org.junit.jupiter.api.BeforeAll;

import dev.devcycle.testsupport.TestDatabase;

/** The repository contract on embedded H2, the default database; always runs. */
class AgentRepositoryH2Test extends AgentRepositoryContract {

    @BeforeAll
    static void openDatabase() {
        db = TestDatabase.h2();
    }
}
