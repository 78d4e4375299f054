package dev.devcycle.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.cache.RedisCaches;
import dev.devcycle.metrics.internal.CacheMetrics;
import dev.devcycle.metrics.internal.RedisMetrics;
import dev.devcycle.redis.RedisClientSettings;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Qualifier;
import jakarta.inject.Singleton;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * What an application can replace or switch off, in a CDI container as an application has it: its own Jedis client
 * (a producer, an enabled alternative) replaces the module's and every module bean uses it; the health checks and
 * metrics go away by configuration; a malformed switch stops the start naming the variable.
 */
class ContributedBeansTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    /** The name Redis shows for the module's own connections. */
    static final String MODULE_CLIENT = RedisClientSettings.DEFAULT_CLIENT_NAME;
    static final AtomicInteger CREATED = new AtomicInteger();

    static UnifiedJedis applicationClient(String name) {
        CREATED.incrementAndGet();
        return RedisClient.builder().hostAndPort("127.0.0.1", redis.port())
                .clientConfig(DefaultJedisClientConfig.builder().clientName(name).build()).build();
    }

    /** A producer of the application's own: the usual way to bring a client configured elsewhere. */
    @ApplicationScoped
    public static class OwnClient {
        @Produces
        @Singleton
        UnifiedJedis client() {
            return applicationClient("application-client");
        }

        void close(@Disposes UnifiedJedis client) {
            client.close();
        }
    }

    /** An alternative enabled by priority, as tests or a platform team would supply one. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class AlternativeClient {
        @Produces
        @Singleton
        UnifiedJedis client() {
            return applicationClient("alternative-client");
        }
    }

    /** An alternative that is not enabled: it must not take the module's client away. */
    @Alternative
    @ApplicationScoped
    public static class DisabledAlternativeClient {
        @Produces
        @Singleton
        UnifiedJedis client() {
            return applicationClient("disabled-client");
        }
    }

    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Reporting {
    }

    /** A second, qualified client of the application: beside the module's, not instead of it. */
    @ApplicationScoped
    public static class ReportingClient {
        @Produces
        @Singleton
        @Reporting
        UnifiedJedis client() {
            return applicationClient("reporting-client");
        }
    }

    @AfterEach
    void reset() {
        CREATED.set(0);
        CacheTestContainer.configure(redis, Map.of());
    }

    @Test
    void anApplicationsProducerReplacesTheModulesClient() {
        CacheTestContainer.configure(redis, Map.of());
        try (CacheTestContainer app = CacheTestContainer.start(OwnClient.class); Jedis admin = redis.jedis()) {
            assertTrue(app.bean(RedisCaches.class).cache("own:").set("k", "v"), "the module's cache works");
            assertEquals("v", admin.get("own:k"));
            String clients = admin.clientList();
            assertTrue(clients.contains("name=application-client"), clients);
            assertFalse(clients.contains("name=" + MODULE_CLIENT), "no client of the module's: "
                    + clients);
            assertEquals(1, CREATED.get());
        }
    }

    @Test
    void anEnabledAlternativeReplacesItToo() {
        try (CacheTestContainer app = CacheTestContainer.start(AlternativeClient.class); Jedis admin = redis.jedis()) {
            UnifiedJedis client = app.bean(UnifiedJedis.class);
            assertTrue(app.bean(RedisCaches.class).cache("alt:").set("k", "v"));
            assertSame(client, app.bean(UnifiedJedis.class));
            String clients = admin.clientList();
            assertTrue(clients.contains("name=alternative-client"), clients);
            assertFalse(clients.contains("name=" + MODULE_CLIENT), clients);
        }
    }

    @Test
    void aDisabledAlternativeOrAQualifiedClientLeavesTheModulesInPlace() {
        try (CacheTestContainer app = CacheTestContainer.start(DisabledAlternativeClient.class, ReportingClient.class);
             Jedis admin = redis.jedis()) {
            assertTrue(app.bean(RedisCaches.class).cache("mod:").set("k", "v"));
            String clients = admin.clientList();
            assertTrue(clients.contains("name=" + MODULE_CLIENT), clients);
            assertFalse(clients.contains("name=disabled-client"), clients);
        }
    }

    @Test
    void healthChecksAndMetricsAreSwitchedOffByConfiguration() {
        CacheTestContainer.configure(redis, Map.of("redis.health.enabled", "false", "redis.metrics.enabled", "off"));
        // The metrics beans need a MetricRegistry no SE container has: the start succeeds only because they are gone.
        try (CacheTestContainer app = CacheTestContainer.start(RedisReadinessCheck.class,
                RedisClientStartupCheck.class, RedisMetrics.class, CacheMetrics.class)) {
            assertFalse(app.has(RedisReadinessCheck.class));
            assertFalse(app.has(RedisClientStartupCheck.class));
            assertFalse(app.has(RedisMetrics.class));
            assertFalse(app.has(CacheMetrics.class));
        }
        CacheTestContainer.configure(redis, Map.of("redis.metrics.enabled", "false"));
        try (CacheTestContainer app = CacheTestContainer.start(RedisReadinessCheck.class,
                RedisClientStartupCheck.class, RedisMetrics.class, CacheMetrics.class)) {
            assertTrue(app.has(RedisReadinessCheck.class), "health checks are on by default");
            assertTrue(app.has(RedisClientStartupCheck.class));
        }
    }

    @Test
    void aMalformedSwitchStopsTheStart() {
        CacheTestContainer.configure(redis, Map.of("redis.health.enabled", "maybe"));
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> CacheTestContainer.start(RedisReadinessCheck.class).close());
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            causes.append(t).append('\n');
        }
        assertTrue(causes.toString().contains("REDIS_HEALTH_ENABLED") && causes.toString().contains("'maybe'"),
                causes.toString());
    }
}
