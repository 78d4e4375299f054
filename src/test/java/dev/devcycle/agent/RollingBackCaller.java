package dev.devcycle.agent;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Runs service writes inside an outer transaction that then fails, so the writes roll back after they returned. */
@ApplicationScoped
public class RollingBackCaller {

    @Inject
    AgentWrites writes;

    @Transactional
    public void writeThenFail(Consumer<AgentWrites> calls) {
        calls.accept(writes);
        throw new IllegalStateException("the caller fails after the writes");
    }
}
