package dev.devcycle.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.devcycle.agent.entry.AgentsByCapabilityEntry;
import dev.devcycle.agent.entry.AvailabilityEntry;
import dev.devcycle.agent.entry.CapabilitiesEntry;
import dev.devcycle.agent.entry.LoadEntry;
import dev.devcycle.agent.model.Agent;
import dev.devcycle.cache.DeclarativeCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;

/**
 * Fills the agent caches from the database when the application starts, in the background, so the first requests
 * after a deployment are hits. Per cache, {@code cache.<name>.warm-on-start=true} (off by default) for
 * {@code agent:availability}, {@code agent:capabilities}, {@code agent:load} and
 * {@code agent:agents_by_capability}.
 *
 * <p>Each cache is filled with {@link DeclarativeCache#loadAll}: one MGET of the generations, one query, one pipelined
 * store, and no entry that an invalidation made stale during the query is stored; TTLs are those of the caches'
 * {@link AgentLookups} methods. Skipped, with a log line, when Redis does not answer a PING: warming a dead Redis
 * would only spend timeouts.
 */
@ApplicationScoped
public class AgentCacheWarmer {

    private static final Logger LOG = Logger.getLogger(AgentCacheWarmer.class.getName());
    private static final String MSG_START = "Cache warming: {0} from the database";
    private static final String MSG_DONE = "Cache warming: {0} stored {1} of {2} entries in {3} ms";
    private static final String MSG_SKIPPED = "Cache warming skipped: Redis does not answer ({0})";
    private static final String MSG_FAILED = "Cache warming of {0} failed; the cache fills on demand";
    static final List<String> WARMABLE = AgentCaches.ALL;

    @Inject
    AgentRepository repository;

    @Inject
    AgentCacheHandles handles;

    @Inject
    UnifiedJedis redis;

    /** The server's managed executor ({@link ContainerResources}): the warming stops with the application. */
    @Inject
    Executor executor;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        List<String> names = configured();
        if (!names.isEmpty()) {
            executor.execute(() -> warm(names));
        }
    }

    /** The caches configured for warming ({@code cache.<name>.warm-on-start}). */
    List<String> configured() {
        return handles.all().stream().filter(DeclarativeCache::warmOnStart).map(DeclarativeCache::name).toList();
    }

    /**
     * Warms the given caches now, on the calling thread.
     *
     * @return entries stored per cache; empty when Redis is down
     */
    public Map<String, Integer> warm(List<String> names) {
        Map<String, Integer> stored = new LinkedHashMap<>();
        try {
            redis.ping();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, MSG_SKIPPED, e.toString());
            return stored;
        }
        LOG.log(Level.INFO, MSG_START, names);
        List<String> ids = repository.findAll().stream().map(Agent::getName).toList();
        for (String name : names) {
            long started = System.nanoTime();
            try {
                int[] total = new int[1];
                int count = warmOne(name, ids, total);
                stored.put(name, count);
                LOG.log(Level.INFO, MSG_DONE, new Object[] {name, count, total[0],
                        (System.nanoTime() - started) / 1_000_000});
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, MSG_FAILED, name);
                LOG.log(Level.FINE, MSG_FAILED, e);
            }
        }
        return stored;
    }

    private int warmOne(String name, List<String> ids, int[] total) {
        return switch (name) {
            case AgentCaches.AVAILABILITY -> fill(handles.availability(), ids, total, AvailabilityEntry::of);
            case AgentCaches.CAPABILITIES -> fill(handles.capabilities(), ids, total, CapabilitiesEntry::of);
            case AgentCaches.LOAD -> fill(handles.load(), ids, total, LoadEntry::of);
            default -> {
                Collection<String> all = allCapabilities();
                total[0] = all.size();
                yield handles.agentsByCapability().loadAll(all, this::availableByCapability);
            }
        };
    }

    private <V> int fill(DeclarativeCache<V> cache, List<String> ids, int[] total,
                         BiFunction<Agent, Instant, V> value) {
        total[0] = ids.size();
        return cache.loadAll(ids, keys -> byAgent(value));
    }

    /** One query: every agent's value. Agents deleted since the id list are simply absent, so not stored. */
    private <V> Map<String, V> byAgent(BiFunction<Agent, Instant, V> value) {
        Map<String, V> values = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (Agent agent : repository.findAll()) {
            values.put(agent.getName(), value.apply(agent, now));
        }
        return values;
    }

    /** One query: the sorted names of the available agents of each capability, as the annotated lookup returns. */
    private Map<String, AgentsByCapabilityEntry> availableByCapability(Collection<String> capabilities) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        capabilities.forEach(c -> names.put(c, new ArrayList<>()));
        for (Agent agent : repository.findAll()) {
            if (agent.isAvailable()) {
                agent.getCapabilities().stream().filter(names::containsKey)
                        .forEach(c -> names.get(c).add(agent.getName()));
            }
        }
        Instant now = Instant.now();
        Map<String, AgentsByCapabilityEntry> values = new LinkedHashMap<>();
        names.forEach((capability, list) -> {
            list.sort(null);
            values.put(capability, new AgentsByCapabilityEntry(list, now));
        });
        return values;
    }

    private Collection<String> allCapabilities() {
        TreeSet<String> all = new TreeSet<>();
        repository.findAll().forEach(agent -> all.addAll(agent.getCapabilities()));
        return all;
    }
}
