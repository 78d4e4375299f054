package dev.devcycle.agent;

import java.util.List;

import dev.devcycle.agent.entry.AgentsByCapabilityEntry;
import dev.devcycle.agent.entry.AvailabilityEntry;
import dev.devcycle.agent.entry.CapabilitiesEntry;
import dev.devcycle.agent.entry.LoadEntry;
import dev.devcycle.cache.DeclarativeCache;
import dev.devcycle.cache.DeclarativeCaches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The four agent caches as {@link DeclarativeCache} handles, bound once with the value types and TTLs of their
 * {@link AgentLookups} methods: for the code that works on the caches beside those methods (the least-busy ranking's
 * bulk reads, the warming, the statistics), so none of it restates a TTL or renders a key itself.
 */
@ApplicationScoped
public class AgentCacheHandles {

    @Inject
    DeclarativeCaches caches;

    private DeclarativeCache<AvailabilityEntry> availability;
    private DeclarativeCache<CapabilitiesEntry> capabilities;
    private DeclarativeCache<LoadEntry> load;
    private DeclarativeCache<AgentsByCapabilityEntry> agentsByCapability;

    @PostConstruct
    void bind() {
        availability = caches.cache(AgentCaches.AVAILABILITY, AvailabilityEntry.class);
        capabilities = caches.cache(AgentCaches.CAPABILITIES, CapabilitiesEntry.class);
        load = caches.cache(AgentCaches.LOAD, LoadEntry.class);
        agentsByCapability = caches.cache(AgentCaches.AGENTS_BY_CAPABILITY, AgentsByCapabilityEntry.class);
    }

    /** {@value AgentCaches#AVAILABILITY}. */
    public DeclarativeCache<AvailabilityEntry> availability() {
        return availability;
    }

    /** {@value AgentCaches#CAPABILITIES}. */
    public DeclarativeCache<CapabilitiesEntry> capabilities() {
        return capabilities;
    }

    /** {@value AgentCaches#LOAD}. */
    public DeclarativeCache<LoadEntry> load() {
        return load;
    }

    /** {@value AgentCaches#AGENTS_BY_CAPABILITY}. */
    public DeclarativeCache<AgentsByCapabilityEntry> agentsByCapability() {
        return agentsByCapability;
    }

    /** All four, in {@link AgentCaches#ALL} order. */
    public List<DeclarativeCache<?>> all() {
        return List.of(availability, capabilities, load, agentsByCapability);
    }
}
