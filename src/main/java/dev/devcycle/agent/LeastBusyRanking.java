package dev.devcycle.agent;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.devcycle.agent.entry.AvailabilityEntry;
import dev.devcycle.agent.entry.LoadEntry;
import dev.devcycle.agent.model.AgentLoad;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The least busy available agent having all the given capabilities (the Python service looked at the first only):
 * most free slots first, then lowest response time (unknown last), then name. Built from the cached capability lists
 * and loads, so a repeated call within the TTL costs no query.
 */
@ApplicationScoped
public class LeastBusyRanking {

    @Inject
    AgentLookups lookups;

    @Inject
    AgentReads reads;

    @Inject
    AgentCacheHandles handles;

    /**
     * The agent's id; empty when no available agent has all the capabilities.
     *
     * @throws InvalidAgentDataException for no capabilities or a malformed one
     */
    public Optional<String> getLeastBusyAgent(List<String> capabilities) {
        if (capabilities == null || capabilities.isEmpty()) {
            throw new InvalidAgentDataException("at least one capability is required");
        }
        Set<String> candidates = null;
        for (String capability : new LinkedHashSet<>(AgentConstraints.capabilities(capabilities))) {
            Set<String> having = new LinkedHashSet<>(lookups.availableAgentsHaving(capability).agentIds());
            if (candidates == null) {
                candidates = having;
            } else {
                candidates.retainAll(having);
            }
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
        }
        // Two MGETs for all candidates instead of two GETs each; the annotated lookups load only what was missing.
        List<String> ids = List.copyOf(candidates);
        Map<String, AvailabilityEntry> availability = handles.availability().getAllPresent(ids);
        List<String> available = ids.stream()
                .filter(id -> availability.containsKey(id)
                        ? availability.get(id) != null && availability.get(id).available()
                        : reads.isAgentAvailable(id))
                .toList();
        Map<String, LoadEntry> loads = handles.load().getAllPresent(available);
        return available.stream()
                .map(id -> loads.containsKey(id) ? Optional.ofNullable(loads.get(id)) : lookups.load(id))
                .flatMap(Optional::stream)
                .map(LoadEntry::loadInfo)
                .filter(load -> load.availableSlots() > 0)
                .min(Comparator.comparingInt(AgentLoad::availableSlots).reversed()
                        .thenComparing(AgentLoad::responseTimeMs, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(AgentLoad::agentId))
                .map(AgentLoad::agentId);
    }
}
