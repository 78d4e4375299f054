package dev.devcycle.fault;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.devcycle.cache.CacheInvalidate;
import dev.devcycle.cache.CacheInvalidateAll;
import dev.devcycle.cache.CacheKey;
import dev.devcycle.cache.CachePut;
import dev.devcycle.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every declarative-caching annotation on one bean, with a count of real calls, so the fault tests can run the whole
 * annotation path (lease, generation checks, negative caching, invalidation, invalidate-all) and prove hits.
 */
@ApplicationScoped
public class CachedDirectory {

    private final AtomicInteger loads = new AtomicInteger();

    public int loads() {
        return loads.get();
    }

    @CacheResult(cacheName = "agent:availability", ttl = "30s")
    public boolean isAvailable(String agentId) {
        loads.incrementAndGet();
        return agentId.startsWith("on-");
    }

    @CacheResult(cacheName = "agent:capabilities", negativeTtl = "5s")
    public Optional<List<String>> capabilities(String agentId) {
        loads.incrementAndGet();
        return agentId.startsWith("missing-") ? Optional.empty() : Optional.of(List.of("python", "java"));
    }

    @CachePut(cacheName = "agent:capabilities")
    public Optional<List<String>> storeCapabilities(@CacheKey String agentId, List<String> capabilities) {
        return Optional.of(capabilities);
    }

    @CacheInvalidate(cacheName = "agent:availability")
    public void changed(String agentId) {
    }

    @CacheInvalidateAll(cacheName = "agent:availability")
    @CacheInvalidateAll(cacheName = "agent:capabilities")
    public void clearAll() {
    }
}
