package dev.devcycle.redis.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.devcycle.redis.RedisCircuitBreaker;
import dev.devcycle.redis.RedisClientSettings;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import redis.clients.jedis.UnifiedJedis;

/**
 * Produces the one pooled Redis client of the application and closes it on shutdown.
 *
 * <p>No bean-defining annotation on purpose: {@link ContributedBeansExtension} adds this class to the deployment only
 * when the application has no {@code UnifiedJedis} bean of its own (a producer or an enabled alternative), so an
 * application's client replaces the module's without an ambiguity.
 */
public class RedisClientProducer {

    private static final Logger LOG = Logger.getLogger(RedisClientProducer.class.getName());
    private static final String MSG_CONNECTING = "Redis client configured: {0}";

    /**
     * The pooled client. {@code @Singleton} rather than {@code @ApplicationScoped}: Jedis' client has final methods,
     * so a CDI client proxy cannot be made for it; the lifecycle is the same (one instance, disposed at shutdown).
     */
    @Produces
    @Singleton
    UnifiedJedis client(RedisClientSettings settings, RedisCircuitBreaker breaker) {
        LOG.log(Level.INFO, MSG_CONNECTING, settings);
        return settings.createClient(breaker);
    }

    void close(@Disposes UnifiedJedis client) {
        client.close();
    }
}
