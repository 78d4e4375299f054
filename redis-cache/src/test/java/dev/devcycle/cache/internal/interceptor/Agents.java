package dev.devcycle.cache.internal.interceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devcycle.cache.CacheInvalidate;
import dev.devcycle.cache.CacheInvalidateAll;
import dev.devcycle.cache.CacheKey;
import dev.devcycle.cache.CachePut;
import dev.devcycle.cache.CacheResult;

/** A cached bean over an in-memory "database", counting every real call so tests can prove hits and misses. */
@ApplicationScoped
public class Agents {

    public record Agent(String agentId, String displayName, int maxLoad, List<String> capabilities) {
    }

    public enum Tier { GOLD, SILVER }

    public record Region(String country, int zone) {
    }

    final Map<String, Boolean> availability = new ConcurrentHashMap<>();
    final Map<String, Agent> agents = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    volatile long delayMillis;
    volatile RuntimeException failure;

    // Tests reach the bean through its client proxy, so state is touched through methods, never fields.
    void reset() {
        calls.clear();
        agents.clear();
        availability.clear();
        delayMillis = 0;
        failure = null;
    }

    void store(Agent agent) {
        agents.put(agent.agentId(), agent);
    }

    void storeAvailability(String agentId, boolean available) {
        availability.put(agentId, available);
    }

    void delay(long millis) {
        delayMillis = millis;
    }

    void failWith(RuntimeException e) {
        failure = e;
    }

    public int calls(String method) {
        return calls.computeIfAbsent(method, m -> new AtomicInteger()).get();
    }

    private void called(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    @CacheResult(cacheName = "agent:availability", ttl = "30s")
    public boolean isAgentAvailable(String agentId) {
        called("isAgentAvailable");
        return availability.getOrDefault(agentId, false);
    }

    @CacheInvalidate(cacheName = "agent:availability")
    public void setAvailable(@CacheKey String agentId, boolean available) {
        availability.put(agentId, available);
    }

    @CacheResult(cacheName = "agent:by-id", ttl = "5m")
    public Agent agent(String agentId) {
        called("agent");
        return agents.get(agentId);
    }

    @CacheResult(cacheName = "agent:find", negativeTtl = "2s")
    public Optional<Agent> find(String agentId) {
        called("find");
        return Optional.ofNullable(agents.get(agentId));
    }

    @CachePut(cacheName = "agent:by-id")
    public Agent save(@CacheKey String agentId, Agent agent) {
        agents.put(agentId, agent);
        return agent;
    }

    @CacheInvalidate(cacheName = "agent:by-id")
    @CacheInvalidate(cacheName = "agent:find")
    @CacheInvalidateAll(cacheName = "agent:all")
    public void delete(String agentId) {
        agents.remove(agentId);
    }

    @CacheResult(cacheName = "agent:all")
    public List<String> allIds() {
        called("allIds");
        return new ArrayList<>(new java.util.TreeSet<>(agents.keySet()));
    }

    @CacheResult(cacheName = "agent:capabilities")
    public Map<String, Object> capabilityMap(String agentId) {
        called("capabilityMap");
        return Map.of("agent_id", agentId, "count", 2, "skills", List.of("billing", "sales"));
    }

    @CacheResult(cacheName = "agent:load")
    public Integer loadOf(String agentId) {
        called("loadOf");
        return null;
    }

    @CacheResult(cacheName = "agent:name")
    public String nameOf(String agentId) {
        called("nameOf");
        return agentId.toUpperCase();
    }

    @CacheResult(cacheName = "agent:composite")
    public String composite(String a, String b) {
        called("composite");
        return a + "|" + b;
    }

    @CacheResult(cacheName = "agent:keyed")
    public String keyed(@CacheKey String tenant, String ignored, @CacheKey int zone) {
        called("keyed");
        return tenant + zone + ignored;
    }

    @CacheResult(cacheName = "agent:typed")
    public String typed(Tier tier, java.util.UUID id, Region region, Boolean flag, java.math.BigDecimal amount) {
        called("typed");
        return "t";
    }

    @CacheResult(cacheName = "agent:async")
    public CompletionStage<List<String>> capabilitiesAsync(String agentId) {
        called("capabilitiesAsync");
        return CompletableFuture.supplyAsync(() -> {
            if (agentId.startsWith("bad")) {
                throw new IllegalStateException("no such agent " + agentId);
            }
            return List.of("billing", agentId);
        });
    }

    @CacheResult(cacheName = "agent:failing")
    public String failing(String agentId) {
        called("failing");
        throw new IllegalArgumentException("unknown agent " + agentId);
    }
}
