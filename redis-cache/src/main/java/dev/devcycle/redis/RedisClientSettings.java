package dev.devcycle.redis;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import redis.clients.jedis.UnifiedJedis;

/**
 * Everything the module needs to build its Redis client, read from one source: connection ({@link RedisSettings}),
 * deployment ({@link RedisTopology}), ACL user and TLS ({@link RedisSecurity}), latency budget
 * ({@link LatencyBudget}), circuit breaker ({@link RedisCircuitBreaker.Settings}) and the client name.
 *
 * <p>The entry point for code that runs without CDI or MicroProfile Config — a JCache provider in a Liberty shared
 * library, a batch job, a test:
 *
 * <pre>{@code
 * RedisClientSettings settings = RedisClientSettings.fromProperties(vendorProperties);  // then REDIS_* variables
 * RedisCircuitBreaker breaker = settings.newCircuitBreaker();
 * UnifiedJedis redis = settings.createClient(breaker);   // pooled, budget applied, circuit breaker under it
 * }</pre>
 *
 * In a CDI application the module builds the same record from MicroProfile Config and produces the client.
 *
 * @param connection     host, port, password, database, pool size, timeouts, retry
 * @param topology       standalone, sentinel or cluster
 * @param security       ACL user and TLS
 * @param latencyBudget  the most one Redis operation may cost ({@code CACHE_TIMEOUT})
 * @param circuitBreaker when Redis is skipped after failures
 * @param clientName     the name Redis shows in {@code CLIENT LIST} ({@code REDIS_CLIENT_NAME}, default
 *                       {@value #DEFAULT_CLIENT_NAME}); give each application its own to tell their connections apart
 */
public record RedisClientSettings(RedisSettings connection, RedisTopology topology, RedisSecurity security,
                                  LatencyBudget latencyBudget, RedisCircuitBreaker.Settings circuitBreaker,
                                  String clientName) {

    public static final String CLIENT_NAME = "redis.client.name";
    public static final String DEFAULT_CLIENT_NAME = "devcycle-redis-cache";

    public RedisClientSettings {
        if (clientName == null || clientName.isBlank() || clientName.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            // Redis refuses CLIENT SETNAME with spaces or control characters, which would fail every connection.
            throw new InvalidSettingException(CLIENT_NAME, String.valueOf(clientName),
                    "must be printable ASCII without spaces");
        }
    }

    /**
     * Reads every setting from one reader.
     *
     * @throws InvalidSettingException naming the environment variable and the bad value
     */
    public static RedisClientSettings from(SettingReader settings) {
        return new RedisClientSettings(RedisSettings.from(settings), RedisTopology.from(settings),
                RedisSecurity.from(settings), LatencyBudget.from(settings), RedisCircuitBreaker.Settings.from(settings),
                settings.text(CLIENT_NAME).orElse(DEFAULT_CLIENT_NAME));
    }

    /** Reads every setting from a source of raw values by property name. */
    public static RedisClientSettings from(Function<String, Optional<String>> source) {
        return from(SettingReader.of(source));
    }

    /**
     * Reads every setting from properties ({@code redis.host}, ...), with the {@code REDIS_*} / {@code CACHE_*}
     * environment variables as fallback ({@link SettingReader#fromProperties(Map)}).
     */
    public static RedisClientSettings fromProperties(Map<String, ?> properties) {
        return from(SettingReader.fromProperties(properties));
    }

    /** The connection settings with every timeout capped by the latency budget: what the client is built with. */
    public RedisSettings effectiveConnection() {
        return latencyBudget.applyTo(connection);
    }

    /** A new, closed circuit breaker of these settings; give it to {@link #createClient(RedisCircuitBreaker)}. */
    public RedisCircuitBreaker newCircuitBreaker() {
        return circuitBreaker.newBreaker();
    }

    /**
     * The pooled client of the configured topology, every command through the breaker. The caller owns it and closes
     * it ({@link UnifiedJedis#close()}).
     */
    public UnifiedJedis createClient(RedisCircuitBreaker breaker) {
        return RedisClientFactory.create(effectiveConnection(), topology, security, breaker, clientName);
    }

    /** Passwords never appear in the text form. */
    @Override
    public String toString() {
        return "mode " + topology.mode().label() + ", " + effectiveConnection() + ", " + security + ", latency budget "
                + latencyBudget.total().toMillis() + " ms, client name " + clientName;
    }
}
