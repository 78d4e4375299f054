package dev.devcycle.redis;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Connection settings of the Redis client, read once from MicroProfile Config.
 *
 * <p>Each setting has a property name whose environment-variable form is the one the original Python services (Walrus94/DevCycle) document
 * ({@code redis.max.connections} is {@code REDIS_MAX_CONNECTIONS}, see MicroProfile Config's mapping rules).
 * A malformed value is rejected with an {@link InvalidSettingException} naming the variable and the value, so a
 * misconfigured deployment fails at start-up instead of on the first cache call.
 *
 * @param host                 Redis host ({@code REDIS_HOST}, default {@code 127.0.0.1})
 * @param port                 Redis port ({@code REDIS_PORT}, default 6379)
 * @param password             password, if any ({@code REDIS_PASSWORD})
 * @param database             logical database 0-15 ({@code REDIS_DB}, default 0)
 * @param maxConnections       connection pool size ({@code REDIS_MAX_CONNECTIONS}, default 10)
 * @param socketTimeout        read timeout ({@code REDIS_SOCKET_TIMEOUT}, seconds, default 5.0)
 * @param connectTimeout       connect timeout ({@code REDIS_SOCKET_CONNECT_TIMEOUT}, seconds, default 5.0)
 * @param retryOnTimeout       retry a command once on a connection error or timeout ({@code REDIS_RETRY_ON_TIMEOUT})
 */
public record RedisSettings(String host, int port, Optional<String> password, int database, int maxConnections,
                            Duration socketTimeout, Duration connectTimeout, boolean retryOnTimeout) {

    public static final String HOST = "redis.host";
    public static final String PORT = "redis.port";
    public static final String PASSWORD = "redis.password";
    public static final String DB = "redis.db";
    public static final String MAX_CONNECTIONS = "redis.max.connections";
    public static final String SOCKET_TIMEOUT = "redis.socket.timeout";
    public static final String SOCKET_CONNECT_TIMEOUT = "redis.socket.connect.timeout";
    public static final String RETRY_ON_TIMEOUT = "redis.retry.on.timeout";

    /** Redis' default build has 16 logical databases. */
    static final int MAX_DATABASE = 15;
    /** A pool larger than this is almost certainly a typo; Redis' default maxclients is 10,000. */
    static final int MAX_POOL_SIZE = 10_000;
    static final long MAX_TIMEOUT_SECONDS = 86_400;

    public RedisSettings {
        if (host == null || host.isBlank()) {
            throw new InvalidSettingException(HOST, host, "must not be empty");
        }
        password = password == null ? Optional.empty() : password.filter(p -> !p.isEmpty());
    }

    /** The settings with every default of the original Python services. */
    public static RedisSettings defaults() {
        return from(name -> Optional.empty());
    }

    /**
     * Builds the settings from a source of raw values (a map in tests, vendor properties); see {@link SettingReader}.
     *
     * @param source the raw value of a property name, if set
     * @throws InvalidSettingException naming the environment variable and the bad value
     */
    public static RedisSettings from(Function<String, Optional<String>> source) {
        return from(SettingReader.of(source));
    }

    /**
     * Builds the settings from a reader (MicroProfile Config in an application, properties without it).
     *
     * @throws InvalidSettingException naming the environment variable and the bad value
     */
    public static RedisSettings from(SettingReader settings) {
        String host = settings.raw(HOST).map(String::trim).orElse("127.0.0.1");
        int port = settings.wholeNumber(PORT, 6379, 1, 65_535);
        Optional<String> password = settings.raw(PASSWORD);
        int db = settings.wholeNumber(DB, 0, 0, MAX_DATABASE);
        int maxConnections = settings.wholeNumber(MAX_CONNECTIONS, 10, 1, MAX_POOL_SIZE);
        // Jedis takes int milliseconds; more than a day is a typo, zero would mean "wait forever".
        Duration socketTimeout = settings.seconds(SOCKET_TIMEOUT, Duration.ofSeconds(5), MAX_TIMEOUT_SECONDS);
        Duration connectTimeout = settings.seconds(SOCKET_CONNECT_TIMEOUT, Duration.ofSeconds(5), MAX_TIMEOUT_SECONDS);
        boolean retry = settings.flag(RETRY_ON_TIMEOUT, true);
        return new RedisSettings(host, port, password, db, maxConnections, socketTimeout, connectTimeout, retry);
    }

    /** The password is never part of the text form: settings get logged. */
    @Override
    public String toString() {
        return "RedisSettings[host=" + host + ", port=" + port + ", password=" + (password.isPresent() ? "***" : "none")
                + ", db=" + database + ", maxConnections=" + maxConnections + ", socketTimeout=" + socketTimeout
                + ", connectTimeout=" + connectTimeout + ", retryOnTimeout=" + retryOnTimeout + "]";
    }
}
