package dev.devcycle.agent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The cache entries a write makes stale, from the agent's state before and after it (empty: no such agent).
 *
 * <ul>
 * <li>availability, capabilities, load of the agent: when that value changed; always when the agent appears or
 * disappears (a cached "no such agent" is as stale as a cached value);</li>
 * <li>{@code agents_by_capability:{c}} for every capability {@code c} the agent had before or has after, when the
 * agent's membership in that list changed: it had {@code c} and was available before, and not both after, or the
 * other way round. A capability change, a status change, a task count change and a deactivation all land here.</li>
 * </ul>
 * Entries whose value did not change are left alone: a load racing with the write stores the same value either way.
 */
final class StaleEntries {

    /** One cache entry: a cache name and its key. */
    record Entry(String cacheName, String key) {
    }

    private StaleEntries() {
    }

    static List<Entry> between(Optional<AgentState> before, Optional<AgentState> after) {
        if (before.isEmpty() && after.isEmpty()) {
            return List.of();
        }
        String agentId = before.or(() -> after).orElseThrow().agentId();
        List<Entry> stale = new ArrayList<>();
        boolean appearedOrVanished = before.isPresent() != after.isPresent();
        if (appearedOrVanished || changed(before, after, AgentState::available)) {
            stale.add(new Entry(AgentCaches.AVAILABILITY, agentId));
        }
        if (appearedOrVanished || changed(before, after, AgentState::capabilities)) {
            stale.add(new Entry(AgentCaches.CAPABILITIES, agentId));
        }
        if (appearedOrVanished || changed(before, after, AgentState::load)) {
            stale.add(new Entry(AgentCaches.LOAD, agentId));
        }
        Set<String> capabilities = new LinkedHashSet<>();
        before.ifPresent(s -> capabilities.addAll(s.capabilities()));
        after.ifPresent(s -> capabilities.addAll(s.capabilities()));
        for (String capability : capabilities) {
            boolean listedBefore = before.map(s -> s.listedUnder(capability)).orElse(false);
            boolean listedAfter = after.map(s -> s.listedUnder(capability)).orElse(false);
            if (listedBefore != listedAfter) {
                stale.add(new Entry(AgentCaches.AGENTS_BY_CAPABILITY, capability));
            }
        }
        return stale;
    }

    private static boolean changed(Optional<AgentState> before, Optional<AgentState> after,
                                   java.util.function.Function<AgentState, Object> value) {
        return !Objects.equals(before.map(value).orElse(null), after.map(value).orElse(null));
    }
}
