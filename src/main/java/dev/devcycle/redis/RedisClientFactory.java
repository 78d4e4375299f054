package dev.devcycle.redis;

import java.time.Duration;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.executors.DefaultCommandExecutor;
import redis.clients.jedis.executors.RetryableCommandExecutor;
import redis.clients.jedis.providers.PooledConnectionProvider;

/** Maps {@link RedisSettings} onto Jedis' immutable client and pool configuration and builds the pooled client. */
public final class RedisClientFactory {

    /** Client name shown by CLIENT LIST, so operators can tell this module's connections apart. */
    static final String CLIENT_NAME = "devcycle-redis-cache";

    private RedisClientFactory() {
    }

    public static JedisClientConfig clientConfig(RedisSettings settings) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .socketTimeoutMillis(millis(settings.socketTimeout()))
                .connectionTimeoutMillis(millis(settings.connectTimeout()))
                .database(settings.database())
                .clientName(CLIENT_NAME);
        settings.password().ifPresent(builder::password);
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
        PooledConnectionProvider provider = new PooledConnectionProvider(
                new HostAndPort(settings.host(), settings.port()), clientConfig(settings), poolConfig(settings));
        CommandExecutor executor = settings.retryOnTimeout()
                ? new RetryableCommandExecutor(provider, maxAttempts(settings), retryBudget(settings))
                : new DefaultCommandExecutor(provider);
        return RedisClient.builder().connectionProvider(provider).commandExecutor(executor).build();
    }

    /** Attempts per command: the first one, plus one retry when retry-on-timeout is on. */
    public static int maxAttempts(RedisSettings settings) {
        return settings.retryOnTimeout() ? 2 : 1;
    }

    /** The retry may not take longer than one more full connect and read. */
    static Duration retryBudget(RedisSettings settings) {
        return settings.connectTimeout().plus(settings.socketTimeout());
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
