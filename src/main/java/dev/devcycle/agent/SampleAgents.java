package dev.devcycle.agent;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.devcycle.agent.model.AgentStatus;
import dev.devcycle.agent.model.AgentType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import dev.devcycle.json.Jsonp;

/**
 * Registers a few sample agents when the application starts on an empty database, so the service answers something
 * useful at once. Never touches a database that has any agent. Each agent is registered on its own, so two instances
 * starting together on one empty database end with each sample once (the loser of a race gets "already exists").
 */
@ApplicationScoped
public class SampleAgents {

    private static final Logger LOG = Logger.getLogger(SampleAgents.class.getName());
    private static final String MSG_SEEDED = "Empty agent database: registered {0} sample agents";
    private static final String MSG_SEED_FAILED = "Sample agents not registered (the application runs without them)";

    /** The samples: one per kind of work, mostly online, so availability and least-busy queries have answers. */
    static final List<Sample> SAMPLES = List.of(
            new Sample("business-analyst-1", AgentType.BUSINESS_ANALYST, "Turns requests into requirements",
                    List.of("requirements_analysis", "user_stories"), 2, AgentStatus.ONLINE),
            new Sample("developer-1", AgentType.DEVELOPER, "Writes and refactors code",
                    List.of("python", "java", "code_generation"), 3, AgentStatus.ONLINE),
            new Sample("developer-2", AgentType.DEVELOPER, "Writes code, reviews changes",
                    List.of("python", "code_review"), 2, AgentStatus.ONLINE),
            new Sample("tester-1", AgentType.TESTER, "Writes and runs tests",
                    List.of("testing", "python"), 2, AgentStatus.ONLINE),
            new Sample("deployer-1", AgentType.DEPLOYER, "Deploys releases",
                    List.of("deployment", "kubernetes"), 1, AgentStatus.MAINTENANCE),
            new Sample("monitor-1", AgentType.MONITOR, "Watches the running system",
                    List.of("monitoring", "alerting"), 5, AgentStatus.OFFLINE));

    record Sample(String name, AgentType type, String description, List<String> capabilities, int maxTasks,
                  AgentStatus status) {
    }

    @Inject
    AgentRepository repository;

    @Inject
    AgentWrites writes;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        try {
            if (repository.count() > 0) {
                return;
            }
            int registered = 0;
            for (Sample s : SAMPLES) {
                try {
                    writes.register(s.name(), new AgentRegistration(s.type(), s.description(), "1.0.0",
                            s.capabilities(), Jsonp.object().add("max_concurrent_tasks", s.maxTasks())
                            .build(), s.status(), true));
                    registered++;
                } catch (AgentAlreadyExistsException e) {
                    // Another instance seeded it meanwhile.
                }
            }
            LOG.log(Level.INFO, MSG_SEEDED, registered);
        } catch (RuntimeException e) {
            // The database may be down at start-up; the service reports that per request instead of not deploying.
            LOG.log(Level.WARNING, MSG_SEED_FAILED, e);
        }
    }
}
