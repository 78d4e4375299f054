package dev.devcycle.agent;

import java.util.List;

/**
 * The names of the agent caches. With the default key prefix an entry of cache {@code agent:availability} for agent
 * {@code a1} is the Redis key {@code devcycle:agent:availability:a1}, the key the Python services use.
 *
 * <p>TTLs: {@value #TTL} for values, {@value #NEGATIVE_TTL} for "no such agent"; per cache with
 * {@code cache.<name>.ttl} and {@code cache.<name>.negative-ttl} (e.g. {@code CACHE_AGENT_LOAD_TTL=10s}).
 */
public final class AgentCaches {

    /** {@code devcycle:agent:availability:{agent_id}}: an {@code AvailabilityEntry}; {@code null} for no such agent. */
    public static final String AVAILABILITY = "agent:availability";
    /** {@code devcycle:agent:capabilities:{agent_id}}: a {@code CapabilitiesEntry}; {@code null} for no such agent. */
    public static final String CAPABILITIES = "agent:capabilities";
    /** {@code devcycle:agent:load:{agent_id}}: a {@code LoadEntry}; {@code null} for no such agent. */
    public static final String LOAD = "agent:load";
    /** {@code devcycle:agent:agents_by_capability:{capability}}: an {@code AgentsByCapabilityEntry}. */
    public static final String AGENTS_BY_CAPABILITY = "agent:agents_by_capability";

    /** The caches keyed by agent id. */
    public static final List<String> PER_AGENT = List.of(AVAILABILITY, CAPABILITIES, LOAD);
    public static final List<String> ALL = List.of(AVAILABILITY, CAPABILITIES, LOAD, AGENTS_BY_CAPABILITY);

    /** The Python services' TTL: short enough that an agent an invalidation missed (Redis down) is right soon. */
    public static final String TTL = "30s";
    /** Long enough to absorb a flood of lookups of a missing id, short enough that a new agent is seen at once. */
    public static final String NEGATIVE_TTL = "5s";

    private AgentCaches() {
    }
}
