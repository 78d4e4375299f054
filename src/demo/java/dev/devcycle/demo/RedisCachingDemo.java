package dev.devcycle.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import dev.devcycle.cache.DeclarativeCacheStatistics;
import dev.devcycle.cache.DeclarativeCaches;
import dev.devcycle.cache.NamespaceReport;
import dev.devcycle.cache.RedisCache;
import dev.devcycle.cache.RedisCaches;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The Java counterpart of the Python services' demo ({@code examples/redis_caching_demo.py}): basic cache operations,
 * agent availability caching, a 100 ms simulated database call with and without the cache, and the hit ratio — every
 * number measured in this run. It talks to Redis directly (the {@code REDIS_*} variables, default 127.0.0.1:6379)
 * through the module in a CDI SE container that discovers it as any application's container does (its beans and
 * extensions from the jar; the health checks and metrics switched off, as there is no MicroProfile runtime), so it
 * exercises the same code the service runs, through the public API only.
 *
 * <p>It writes only under its own prefixes ({@value #NAMESPACE}, {@value #KEY_PREFIX}) and removes its entries at the
 * end (the named cache's small generation counter stays, as the caching layer relies on it), so it is safe against a
 * Redis a running service shares. Run it with {@code ./demo.sh}.
 */
public final class RedisCachingDemo {

    static final String NAMESPACE = "devcycle:demo:";
    static final String KEY_PREFIX = "devcycle-demo:";
    static final int ROUNDS = 10;
    private static final List<String> AGENTS = List.of("developer-1", "tester-1", "deployer-1", "monitor-1");

    private final PrintStream out;

    RedisCachingDemo(PrintStream out) {
        this.out = out;
    }

    /** The report is the program's output, so it goes to standard output rather than to a log. */
    public static void main(String[] args) {
        // Weld announces itself at INFO; the demo's own lines are the point.
        Logger.getLogger("org.jboss.weld").setLevel(Level.WARNING);
        if (!new RedisCachingDemo(System.out).run(Map.of())) {
            // A failed demo must fail the command (and a script around it); success just returns.
            System.exit(1);
        }
    }

    /**
     * Runs every section against the Redis the environment names; {@code overrides} are configuration properties
     * that win over it (the smoke test points the demo at its own redis-server).
     *
     * @return false when Redis is not reachable (nothing else is attempted)
     */
    boolean run(Map<String, String> overrides) {
        configure(overrides);
        WeldContainer container = new Weld("redis-caching-demo").addBeanClasses(AgentDirectory.class).initialize();
        try {
            RedisCache cache = container.select(RedisCaches.class).get().cache(NAMESPACE);
            DeclarativeCaches caches = container.select(DeclarativeCaches.class).get();
            AgentDirectory directory = container.select(AgentDirectory.class).get();
            out.println("Redis caching demo");
            out.println("==================");
            if (!cache.healthCheck()) {
                out.println("Redis is not reachable: " + cache.report().error().orElse("no PONG"));
                out.println("Start one (redis-server) or set REDIS_HOST / REDIS_PORT / REDIS_PASSWORD.");
                return false;
            }
            caches.invalidateAll(AgentDirectory.AVAILABILITY_CACHE);
            basicOperations(cache);
            agentAvailability(directory, caches);
            performance(directory, caches);
            hitRatio(cache, caches.statistics(AgentDirectory.AVAILABILITY_CACHE).orElseThrow());
            out.println();
            out.printf("Cleaned up: %d demo entries and %d cached availabilities removed.%n", cache.clearAll(),
                    caches.invalidateAll(AgentDirectory.AVAILABILITY_CACHE));
            return true;
        } finally {
            container.shutdown();
        }
    }

    private void basicOperations(RedisCache cache) {
        section("1. Basic cache operations (namespace " + NAMESPACE + ")");
        Map<String, Object> user = Map.of("name", "John", "email", "john@example.com");
        out.printf("set user:123 %s ttl 300 s  -> %s%n", user, cache.set("user:123", user, Duration.ofSeconds(300)));
        out.printf("get user:123               -> %s%n", cache.get("user:123", Map.class).orElse(null));
        out.printf("exists user:123            -> %s%n", cache.exists("user:123"));
        out.printf("ttl user:123               -> %d s%n", cache.getTtl("user:123"));
        out.printf("get user:999 (absent)      -> %s%n", cache.get("user:999", Map.class).orElse(null));
        out.printf("delete user:123            -> %s, exists now %s%n", cache.delete("user:123"),
                cache.exists("user:123"));
        NamespaceReport stats = cache.report();
        out.printf("stats                      -> total_keys=%s redis_version=%s used_memory=%s "
                + "connected_clients=%s%n", stats.totalKeys(), stats.redisVersion(), stats.usedMemory(),
                stats.connectedClients());
        out.printf("health check               -> %s%n", cache.healthCheck() ? "healthy" : "unhealthy");
    }

    private void agentAvailability(AgentDirectory directory, DeclarativeCaches caches) {
        section("2. Agent availability caching (cache " + AgentDirectory.AVAILABILITY_CACHE + ", key "
                + KEY_PREFIX + AgentDirectory.AVAILABILITY_CACHE + ":<agent>)");
        for (int pass = 1; pass <= 2; pass++) {
            int before = directory.queries();
            long start = System.nanoTime();
            StringBuilder answers = new StringBuilder();
            for (String agent : AGENTS) {
                answers.append(agent).append('=').append(directory.isAgentAvailable(agent)).append(' ');
            }
            out.printf("pass %d: %s-> %d database queries, %.1f ms%n", pass, answers, directory.queries() - before,
                    millisSince(start));
        }
        caches.invalidate(AgentDirectory.AVAILABILITY_CACHE, "developer-1");
        int before = directory.queries();
        directory.isAgentAvailable("developer-1");
        out.printf("after invalidating developer-1: lookup -> %d database query%n", directory.queries() - before);
    }

    private void performance(AgentDirectory directory, DeclarativeCaches caches) {
        section("3. Performance: a " + AgentDirectory.QUERY_TIME_MILLIS + " ms database call, " + ROUNDS
                + " lookups each");
        double uncached = averageMillis(() -> directory.isAgentAvailableUncached("tester-1"));
        caches.invalidate(AgentDirectory.AVAILABILITY_CACHE, "tester-1");
        long start = System.nanoTime();
        directory.isAgentAvailable("tester-1");
        double firstCached = millisSince(start);
        double cached = averageMillis(() -> directory.isAgentAvailable("tester-1"));
        out.printf(Locale.ROOT, "without cache:          %8.2f ms per lookup%n", uncached);
        out.printf(Locale.ROOT, "with cache, first call: %8.2f ms (miss: database + Redis write)%n", firstCached);
        out.printf(Locale.ROOT, "with cache, later:      %8.2f ms per lookup (Redis hit)%n", cached);
        out.printf(Locale.ROOT, "improvement:            %8.1f %% faster, %.0fx%n", 100 * (1 - cached / uncached),
                uncached / cached);
    }

    private void hitRatio(RedisCache cache, DeclarativeCacheStatistics availability) {
        section("4. Cache hit ratio (this run)");
        out.printf(Locale.ROOT, "%s: %d hits, %d misses, %d loads -> hit ratio %.1f %%%n",
                AgentDirectory.AVAILABILITY_CACHE, availability.hits(), availability.misses(), availability.loads(),
                100 * availability.hitRatio());
        out.printf(Locale.ROOT, "RedisCache %s: %d hits, %d misses -> hit ratio %.1f %%%n", NAMESPACE,
                cache.statistics().hits(), cache.statistics().misses(), 100 * cache.statistics().hitRatio());
    }

    private double averageMillis(BooleanSupplier lookup) {
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            lookup.getAsBoolean();
        }
        return millisSince(start) / ROUNDS;
    }

    private void section(String title) {
        out.println();
        out.println(title);
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    /**
     * The environment and system properties name the Redis (REDIS_HOST ... as for the service); the demo's key prefix
     * is fixed above them, so it never writes the service's own cache keys.
     */
    private static void configure(Map<String, String> overrides) {
        Map<String, String> fixed = new HashMap<>(overrides);
        fixed.put("cache.key-prefix", KEY_PREFIX);
        // No MicroProfile Health or Metrics runtime here: the module's checks and metrics stay out of the container.
        fixed.put("redis.health.enabled", "false");
        fixed.put("redis.metrics.enabled", "false");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(fixed, "demo", 1000))
                .build(), loader);
    }
}
