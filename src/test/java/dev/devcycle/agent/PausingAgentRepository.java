package dev.devcycle.agent;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.devcycle.agent.model.Agent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * The repository, with a way to stop one read after it has read its row and before the caching layer stores it: the
 * window in which a concurrent write lands in the load/invalidate race.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class PausingAgentRepository extends AgentRepository {

    private volatile String pauseOn;
    private volatile CountDownLatch read;
    private volatile CountDownLatch release;

    /** The next {@link #find} of this agent signals {@code read} once it has its row, then waits for {@code release}. */
    void pauseNextFind(String agentId, CountDownLatch read, CountDownLatch release) {
        this.read = read;
        this.release = release;
        this.pauseOn = agentId;
    }

    @Override
    public Optional<Agent> find(String name) {
        Optional<Agent> agent = super.find(name);
        if (name.equals(pauseOn)) {
            pauseOn = null;
            read.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return agent;
    }
}
