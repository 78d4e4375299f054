package dev.devcycle.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.devcycle.agent.StaleEntries.Entry;
import dev.devcycle.agent.model.AgentLoad;

class StaleEntriesTest {

    private static final AgentLoad LOAD = new AgentLoad("a", "online", 0, 1, 1, null, null);

    @Test
    void newAgentInvalidatesItsEntriesAndTheListsItJoins() {
        AgentState after = new AgentState("a", true, List.of("x", "y"), LOAD);
        assertEquals(List.of(entry(AgentCaches.AVAILABILITY, "a"), entry(AgentCaches.CAPABILITIES, "a"),
                        entry(AgentCaches.LOAD, "a"), entry(AgentCaches.AGENTS_BY_CAPABILITY, "x"),
                        entry(AgentCaches.AGENTS_BY_CAPABILITY, "y")),
                StaleEntries.between(Optional.empty(), Optional.of(after)));
    }

    @Test
    void unavailableNewAgentJoinsNoList() {
        AgentState after = new AgentState("a", false, List.of("x"), LOAD);
        assertEquals(3, StaleEntries.between(Optional.empty(), Optional.of(after)).size());
    }

    @Test
    void capabilityChangeInvalidatesOldAndNewListsButNotTheUnchangedOne() {
        AgentState before = new AgentState("a", true, List.of("x", "y"), LOAD);
        AgentState after = new AgentState("a", true, List.of("y", "z"), LOAD);
        assertEquals(List.of(entry(AgentCaches.CAPABILITIES, "a"), entry(AgentCaches.AGENTS_BY_CAPABILITY, "x"),
                        entry(AgentCaches.AGENTS_BY_CAPABILITY, "z")),
                StaleEntries.between(Optional.of(before), Optional.of(after)));
    }

    @Test
    void becomingUnavailableLeavesEveryList() {
        AgentState before = new AgentState("a", true, List.of("x", "y"), LOAD);
        AgentLoad busy = new AgentLoad("a", "busy", 0, 1, 1, null, null);
        AgentState after = new AgentState("a", false, List.of("x", "y"), busy);
        assertEquals(List.of(entry(AgentCaches.AVAILABILITY, "a"), entry(AgentCaches.LOAD, "a"),
                        entry(AgentCaches.AGENTS_BY_CAPABILITY, "x"), entry(AgentCaches.AGENTS_BY_CAPABILITY, "y")),
                StaleEntries.between(Optional.of(before), Optional.of(after)));
    }

    @Test
    void noChangeNoInvalidation() {
        AgentState state = new AgentState("a", true, List.of("x"), LOAD);
        assertEquals(List.of(), StaleEntries.between(Optional.of(state), Optional.of(state)));
    }

    private static Entry entry(String cache, String key) {
        return new Entry(cache, key);
    }
}
