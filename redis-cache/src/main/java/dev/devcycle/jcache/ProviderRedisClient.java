package dev.devcycle.jcache;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.devcycle.redis.LatencyBudget;
import dev.devcycle.redis.RedisCircuitBreaker;
import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.redis.RedisClientSettings;
import dev.devcycle.redis.RedisSecurity;
import dev.devcycle.redis.RedisSettings;
import dev.devcycle.redis.RedisTopology;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.UnifiedJedis;

/**
 * The one place the provider builds its Redis client from raw settings, through the module's own entry points (the
 * same parsing, validation, latency budget and circuit breaker as the CDI producer), so a change of how the module
 * reads its settings touches the provider here only.
 */
final class ProviderRedisClient {

    /** Every Redis setting the module knows, accepted in a cache manager's URI and vendor properties. */
    static final Set<String> PROPERTIES = Set.of(RedisSettings.HOST, RedisSettings.PORT, RedisSettings.PASSWORD,
            RedisSettings.DB, RedisSettings.MAX_CONNECTIONS, RedisSettings.SOCKET_TIMEOUT,
            RedisSettings.SOCKET_CONNECT_TIMEOUT, RedisSettings.RETRY_ON_TIMEOUT, RedisTopology.MODE,
            RedisTopology.SENTINEL_MASTER, RedisTopology.SENTINEL_NODES, RedisTopology.SENTINEL_PASSWORD,
            RedisTopology.CLUSTER_NODES, RedisSecurity.USERNAME, RedisSecurity.SSL, RedisSecurity.TRUSTSTORE,
            RedisSecurity.TRUSTSTORE_PASSWORD, RedisSecurity.TRUSTSTORE_TYPE, RedisSecurity.KEYSTORE,
            RedisSecurity.KEYSTORE_PASSWORD, RedisSecurity.KEYSTORE_TYPE, LatencyBudget.PROPERTY,
            RedisCircuitBreaker.FAILURE_THRESHOLD, RedisCircuitBreaker.OPEN_SECONDS, RedisClientSettings.CLIENT_NAME);

    static final String HOST = RedisSettings.HOST;
    static final String PORT = RedisSettings.PORT;
    static final String DB = RedisSettings.DB;
    static final String SSL = RedisSecurity.SSL;

    /**
     * A built client and what it connects to, for the log; and where a subscriber connection (no read timeout: it
     * waits for messages) goes, for the expiry notifications of {@link ExpiryNotifications}.
     */
    record Connection(UnifiedJedis client, String description, long budgetMillis, RedisTopology.Mode mode,
                      HostAndPort standalone, int database, JedisClientConfig subscriberConfig) {
    }

    private ProviderRedisClient() {
    }

    /**
     * Builds the client; a malformed setting is an {@link JCacheConfigurationException} with the module's message
     * (naming the property and its environment variable).
     */
    static Connection create(Function<String, Optional<String>> source) {
        try {
            RedisClientSettings all = RedisClientSettings.from(source);
            UnifiedJedis client = all.createClient(all.newCircuitBreaker());
            RedisSettings settings = all.connection();
            RedisSettings effective = all.effectiveConnection();
            RedisSettings waiting = new RedisSettings(settings.host(), settings.port(), settings.password(),
                    settings.database(), settings.maxConnections(), Duration.ZERO, effective.connectTimeout(), false);
            return new Connection(client, all.toString(), all.latencyBudget().total().toMillis(),
                    all.topology().mode(), new HostAndPort(settings.host(), settings.port()), settings.database(),
                    RedisClientFactory.clientConfig(waiting, all.security(), all.clientName()));
        } catch (IllegalArgumentException e) {
            throw new JCacheConfigurationException(e.getMessage(), e);
        }
    }
}
