package dev.devcycle.redis;

import java.time.Duration;

import dev.devcycle.redis.internal.CircuitBreakingCommandExecutor;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.executors.ClusterCommandExecutor;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.executors.DefaultCommandExecutor;
import redis.clients.jedis.executors.RetryableCommandExecutor;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.providers.SentineledConnectionProvider;

/**
 * Maps {@link RedisSettings} onto Jedis' immutable client and pool configuration and builds the pooled client.
 * Usually reached through {@link RedisClientSettings#createClient(RedisCircuitBreaker)}, which reads everything from
 * one source.
 */
public final class RedisClientFactory {

    /** Client name shown by CLIENT LIST, so operators can tell this module's connections apart. */
    static final String CLIENT_NAME = RedisClientSettings.DEFAULT_CLIENT_NAME;

    private RedisClientFactory() {
    }

    /** The configuration of connections to a Redis without ACL user or TLS, under the default client name. */
    public static JedisClientConfig clientConfig(RedisSettings settings) {
        return clientConfig(settings, RedisSecurity.none());
    }

    /** The configuration of connections to Redis data nodes, under the default client name. */
    public static JedisClientConfig clientConfig(RedisSettings settings, RedisSecurity security) {
        return clientConfig(settings, security, CLIENT_NAME);
    }

    /**
     * The configuration of connections to Redis data nodes (standalone, sentinel master, cluster nodes). The protocol
     * is left to Jedis' negotiation (RESP3 where the server has it), as the pooled client is built to use.
     */
    public static JedisClientConfig clientConfig(RedisSettings settings, RedisSecurity security, String clientName) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .socketTimeoutMillis(millis(settings.socketTimeout()))
                .connectionTimeoutMillis(millis(settings.connectTimeout()))
                .database(settings.database())
                .clientName(clientName);
        security.username().ifPresent(builder::user);
        settings.password().ifPresent(builder::password);
        if (security.ssl()) {
            builder.ssl(true).sslSocketFactory(security.socketFactory());
        }
        return builder.build();
    }

    /**
     * Connections to sentinels: same timeouts and TLS, the sentinels' own password, no database. Jedis talks to
     * sentinels through plain {@code Jedis} connections, which speak RESP2 only: asking for the negotiation there
     * makes Jedis log a warning for every sentinel connection (and then use RESP2 anyway), so it is off.
     */
    static JedisClientConfig sentinelClientConfig(RedisSettings settings, RedisTopology topology,
                                                  RedisSecurity security, String clientName) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .socketTimeoutMillis(millis(settings.socketTimeout()))
                .connectionTimeoutMillis(millis(settings.connectTimeout()))
                .autoNegotiateProtocol(false)
                .clientName(clientName);
        topology.sentinelPassword().ifPresent(builder::password);
        if (security.ssl()) {
            builder.ssl(true).sslSocketFactory(security.socketFactory());
        }
        return builder.build();
    }

    public static ConnectionPoolConfig poolConfig(RedisSettings settings) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.maxConnections());
        pool.setMaxIdle(settings.maxConnections());
        pool.setMinIdle(0);
        // A request thread never waits longer for a connection than it would for a connect.
        pool.setMaxWait(settings.connectTimeout());
        pool.setBlockWhenExhausted(true);
        // Idle connections broken by a Redis restart are found by the evictor, not by a request.
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        pool.setJmxEnabled(false);
        return pool;
    }

    /**
     * Builds the pooled client. Jedis' standalone client does not retry; cluster clients retry five times by default.
     * Here the retry is exactly what {@code REDIS_RETRY_ON_TIMEOUT} says: one retry of a command that failed with a
     * connection error or timeout when true, none when false.
     */
    public static UnifiedJedis create(RedisSettings settings) {
        return create(settings, RedisTopology.standalone(), RedisSecurity.none(), RedisCircuitBreaker.disabled());
    }

    /**
     * Builds the client of the configured topology. Only connection errors and timeouts are retried: Jedis raises
     * authentication ({@code WRONGPASS}), permission ({@code NOPERM}) and out-of-memory ({@code OOM}) replies as data
     * exceptions, which no executor retries, so a wrong password never turns into a retry storm.
     */
    public static UnifiedJedis create(RedisSettings settings, RedisTopology topology, RedisSecurity security,
                                      RedisCircuitBreaker breaker) {
        return create(settings, topology, security, breaker, CLIENT_NAME);
    }

    /** As {@link #create(RedisSettings, RedisTopology, RedisSecurity, RedisCircuitBreaker)}, under a client name. */
    public static UnifiedJedis create(RedisSettings settings, RedisTopology topology, RedisSecurity security,
                                      RedisCircuitBreaker breaker, String clientName) {
        JedisClientConfig config = clientConfig(settings, security, clientName);
        ConnectionPoolConfig pool = poolConfig(settings);
        return switch (topology.mode()) {
            case STANDALONE -> {
                PooledConnectionProvider provider = new PooledConnectionProvider(
                        new HostAndPort(settings.host(), settings.port()), config, pool);
                yield RedisClient.builder().connectionProvider(provider)
                        .commandExecutor(new CircuitBreakingCommandExecutor(executor(provider, settings), breaker))
                        .build();
            }
            case SENTINEL -> {
                SentineledConnectionProvider provider = new SentineledConnectionProvider(
                        topology.sentinelMaster().orElseThrow(), config, pool, topology.sentinelNodes(),
                        sentinelClientConfig(settings, topology, security, clientName));
                yield RedisSentinelClient.builder()
                        .masterName(topology.sentinelMaster().orElseThrow())
                        .sentinels(topology.sentinelNodes())
                        .connectionProvider(provider)
                        .commandExecutor(new CircuitBreakingCommandExecutor(executor(provider, settings), breaker))
                        .build();
            }
            case CLUSTER -> {
                ClusterConnectionProvider provider = new ClusterConnectionProvider(topology.clusterNodes(), config,
                        pool);
                // A cluster command may also need one attempt to follow a MOVED/ASK redirect after a failover.
                CommandExecutor executor = new ClusterCommandExecutor(provider, maxAttempts(settings) + 1,
                        retryBudget(settings));
                yield RedisClusterClient.builder()
                        .nodes(topology.clusterNodes())
                        .clientConfig(config)
                        .connectionProvider(provider)
                        .commandExecutor(new CircuitBreakingCommandExecutor(executor, breaker))
                        .build();
            }
        };
    }

    private static CommandExecutor executor(ConnectionProvider provider, RedisSettings settings) {
        return settings.retryOnTimeout()
                ? new RetryableCommandExecutor(provider, maxAttempts(settings), retryBudget(settings))
                : new DefaultCommandExecutor(provider);
    }

    /** Attempts per command: the first one, plus one retry when retry-on-timeout is on. */
    public static int maxAttempts(RedisSettings settings) {
        return settings.retryOnTimeout() ? 2 : 1;
    }

    /** A retry may start only while the time of one more full connect and read has not passed. */
    static Duration retryBudget(RedisSettings settings) {
        return settings.connectTimeout().plus(settings.socketTimeout());
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
