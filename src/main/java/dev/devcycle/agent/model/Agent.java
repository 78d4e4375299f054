package dev.devcycle.agent.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/**
 * An agent, the system of record for everything the agent caches hold. The {@code name} is the agent id of every API
 * and cache key, so it is the primary key: it never changes once registered.
 */
@Entity
@Table(name = "agents")
public class Agent {

    /** The configuration key bounding {@link #currentTasks}; absent means one task at a time. */
    public static final String MAX_CONCURRENT_TASKS = "max_concurrent_tasks";
    public static final int DEFAULT_MAX_CONCURRENT_TASKS = 1;

    public static final int NAME_LENGTH = 100;
    public static final int DESCRIPTION_LENGTH = 1000;
    public static final int VERSION_LENGTH = 50;
    public static final int CONFIGURATION_LENGTH = 4000;

    @Id
    @Column(name = "name", length = NAME_LENGTH, nullable = false, updatable = false)
    private String name;

    @Convert(converter = AgentTypeConverter.class)
    @Column(name = "agent_type", length = 32, nullable = false)
    private AgentType agentType;

    @Column(name = "description", length = DESCRIPTION_LENGTH)
    private String description;

    @Column(name = "version", length = VERSION_LENGTH)
    private String version;

    /** Ordered as registered; a table of its own so "agents having capability c" is an indexed query. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "agent_capabilities", joinColumns = @JoinColumn(name = "agent_name"),
            indexes = @Index(name = "idx_agent_capabilities_capability", columnList = "capability"))
    @OrderColumn(name = "position")
    @Column(name = "capability", length = NAME_LENGTH, nullable = false)
    private List<String> capabilities = new ArrayList<>();

    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "configuration", length = CONFIGURATION_LENGTH)
    private JsonObject configuration = JsonValue.EMPTY_JSON_OBJECT;

    @Convert(converter = AgentStatusConverter.class)
    @Column(name = "status", length = 20, nullable = false)
    private AgentStatus status = AgentStatus.OFFLINE;

    @Column(name = "is_active", nullable = false)
    private boolean active = true;

    @Column(name = "current_tasks", nullable = false)
    private int currentTasks;

    @Convert(converter = UtcTimestampConverter.class)
    @Column(name = "last_heartbeat")
    private Instant lastHeartbeat;

    @Column(name = "response_time_ms")
    private Double responseTimeMs;

    @Convert(converter = UtcTimestampConverter.class)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Convert(converter = UtcTimestampConverter.class)
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Agent() {
        // for Jakarta Persistence
    }

    public Agent(String name, AgentType agentType) {
        this.name = name;
        this.agentType = agentType;
    }

    /**
     * The Python services' availability rule: online (so not in maintenance), active, and with a free task slot.
     * Every cache entry about availability derives from this one method.
     */
    public boolean isAvailable() {
        return active && status == AgentStatus.ONLINE && currentTasks < maxConcurrentTasks();
    }

    /** {@code configuration.max_concurrent_tasks}, {@value #DEFAULT_MAX_CONCURRENT_TASKS} when absent or unusable. */
    public int maxConcurrentTasks() {
        JsonValue value = configuration == null ? null : configuration.get(MAX_CONCURRENT_TASKS);
        if (value instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        return DEFAULT_MAX_CONCURRENT_TASKS;
    }

    /** Free task slots, never negative. */
    public int availableSlots() {
        return Math.max(0, maxConcurrentTasks() - currentTasks);
    }

    public String getName() {
        return name;
    }

    public AgentType getAgentType() {
        return agentType;
    }

    public void setAgentType(AgentType agentType) {
        this.agentType = agentType;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    /** A copy: changing it does not change the agent. */
    public List<String> getCapabilities() {
        return List.copyOf(capabilities);
    }

    public void setCapabilities(List<String> capabilities) {
        // Replaced in place so the persistence provider tracks one collection.
        this.capabilities.clear();
        this.capabilities.addAll(capabilities);
    }

    public JsonObject getConfiguration() {
        return configuration == null ? JsonValue.EMPTY_JSON_OBJECT : configuration;
    }

    public void setConfiguration(JsonObject configuration) {
        this.configuration = configuration == null ? JsonValue.EMPTY_JSON_OBJECT : configuration;
    }

    public AgentStatus getStatus() {
        return status;
    }

    public void setStatus(AgentStatus status) {
        this.status = status;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public int getCurrentTasks() {
        return currentTasks;
    }

    public void setCurrentTasks(int currentTasks) {
        this.currentTasks = currentTasks;
    }

    public Instant getLastHeartbeat() {
        return lastHeartbeat;
    }

    public void setLastHeartbeat(Instant lastHeartbeat) {
        this.lastHeartbeat = lastHeartbeat;
    }

    public Double getResponseTimeMs() {
        return responseTimeMs;
    }

    public void setResponseTimeMs(Double responseTimeMs) {
        this.responseTimeMs = responseTimeMs;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    @Override
    public String toString() {
        return "Agent[" + name + ", " + (status == null ? null : status.value()) + ", tasks " + currentTasks + "/"
                + maxConcurrentTasks() + (active ? "" : ", inactive") + "]";
    }
}
