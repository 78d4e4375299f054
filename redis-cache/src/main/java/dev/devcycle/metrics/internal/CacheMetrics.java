package dev.devcycle.metrics.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import dev.devcycle.cache.DeclarativeCacheStatistics;
import dev.devcycle.cache.DeclarativeCaches;
import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.RedisCacheStatistics;
import dev.devcycle.cache.RedisCaches;
import dev.devcycle.redis.internal.EnabledBy;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Publishes the caches' statistics as MicroProfile Metrics (Prometheus at {@code /metrics}).
 *
 * <p>Caches appear while the application runs (a named cache on its first use, a namespace on its first injection),
 * and neither registry announces them, so the known caches are looked up at start-up and then every
 * {@link #SYNC_INTERVAL}; each one gets its metrics once. The counts are function gauges over the statistics the
 * caches keep anyway (MicroProfile Metrics 5 has no function counter), so they are cumulative since start: use
 * {@code rate()} / {@code increase()} on them. Load durations go into a timer (a histogram with buckets, see
 * {@code microprofile-config.properties}), fed by the statistics' load listener. Off, with the pool's, by
 * {@code redis.metrics.enabled=false}.
 */
@ApplicationScoped
@EnabledBy(RedisMetrics.ENABLED)
public class CacheMetrics {

    static final Duration SYNC_INTERVAL = Duration.ofSeconds(5);
    static final String TAG_CACHE = "cache";
    static final String TAG_NAMESPACE = "namespace";

    private static final Logger LOG = Logger.getLogger(CacheMetrics.class.getName());
    private static final String MSG_SYNC_FAILED = "Registering cache metrics failed; retried in {0} s";

    private final Set<String> boundCaches = ConcurrentHashMap.newKeySet();
    private final Set<String> boundNamespaces = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> syncTask;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    DeclarativeCaches declarativeCaches;

    @Inject
    RedisCaches redisCaches;

    @Resource
    ManagedScheduledExecutorService scheduler;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        sync();
        long seconds = SYNC_INTERVAL.toSeconds();
        syncTask = scheduler.scheduleWithFixedDelay(this::syncQuietly, seconds, seconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (syncTask != null) {
            syncTask.cancel(false);
        }
    }

    /** Registers the metrics of every cache not seen before. */
    void sync() {
        declarativeCaches.statistics().forEach((name, stats) -> {
            if (boundCaches.add(name)) {
                bind(stats);
            }
        });
        for (RedisCache cache : redisCaches.all()) {
            if (boundNamespaces.add(cache.namespace())) {
                bind(cache.namespace(), cache.statistics());
            }
        }
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            // A failed round must not cancel the schedule; the next one retries.
            LOG.log(Level.WARNING, MSG_SYNC_FAILED, new Object[] {SYNC_INTERVAL.toSeconds()});
            LOG.log(Level.FINE, "cause", e);
        }
    }

    private void bind(DeclarativeCacheStatistics stats) {
        Tag tag = new Tag(TAG_CACHE, stats.name());
        gauge("cache.hits", "Lookups answered from Redis since start", stats, DeclarativeCacheStatistics::hits, tag);
        gauge("cache.misses", "Lookups not answered from Redis since start (a Redis error is a miss too)", stats,
                DeclarativeCacheStatistics::misses, tag);
        gauge("cache.hit.ratio", "Hits over lookups since start, 0 before the first lookup", stats,
                DeclarativeCacheStatistics::hitRatio, tag);
        gauge("cache.loads", "Calls of the cached method made by the caching layer since start", stats,
                DeclarativeCacheStatistics::loads, tag);
        gauge("cache.errors", "Redis commands of this cache that failed or timed out since start", stats,
                DeclarativeCacheStatistics::errors, tag);
        gauge("cache.suppressed.loads",
                "Callers that got another caller's result instead of loading (stampede protection) since start",
                stats, DeclarativeCacheStatistics::suppressedLoads, tag);
        gauge("cache.invalidations", "Key and whole-cache invalidations requested since start", stats,
                DeclarativeCacheStatistics::invalidations, tag);
        gauge("cache.near.hits", "Lookups answered by the in-process near cache since start (0 without one)", stats,
                DeclarativeCacheStatistics::nearHits, tag);
        gauge("cache.near.misses", "Near-cache lookups that went on to Redis since start", stats,
                DeclarativeCacheStatistics::nearMisses, tag);
        gauge("cache.near.invalidations", "Near-cache entries dropped on Redis invalidation messages since start",
                stats, DeclarativeCacheStatistics::nearInvalidations, tag);
        Timer loadTimer = registry.timer(Metadata.builder().withName("cache.load")
                .withDescription("Duration of the loads (calls of the cached method) of a cache")
                .withUnit(MetricUnits.SECONDS).build(), tag);
        stats.onLoad(nanos -> loadTimer.update(Duration.ofNanos(nanos)));
    }

    private void bind(String namespace, RedisCacheStatistics stats) {
        Tag tag = new Tag(TAG_NAMESPACE, namespace);
        gauge("redis.cache.hits", "RedisCache lookups that found a value since start", stats, RedisCacheStatistics::hits,
                tag);
        gauge("redis.cache.misses", "RedisCache lookups that found nothing since start", stats,
                RedisCacheStatistics::misses, tag);
        gauge("redis.cache.errors", "RedisCache operations that failed since start", stats, RedisCacheStatistics::errors,
                tag);
        gauge("redis.cache.hit.ratio", "Hits over lookups since start", stats, RedisCacheStatistics::hitRatio, tag);
    }

    private <T, R extends Number> void gauge(String name, String description, T source, Function<T, R> value,
            Tag tag) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), source, value, tag);
    }
}
