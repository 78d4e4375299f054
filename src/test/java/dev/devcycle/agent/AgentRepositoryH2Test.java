package dev.devcycle.agent;

import dev.devcycle.testsupport.TestDatabase;

/** The repository contract on embedded H2, the default database; always runs. */
class AgentRepositoryH2Test extends AgentRepositoryContract {

    @Override
    TestDatabase open() {
        return TestDatabase.h2();
    }
}
