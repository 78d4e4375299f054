package com.example.consumer.own;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * consumer-b's own Jedis client (only its WAR has this class): a producer of the application's is enough for the
 * module to use it instead of creating its own.
 */
@ApplicationScoped
public class OwnRedisClient {

    /** What Redis shows for this client's connections (CLIENT LIST). */
    public static final String CLIENT_NAME = "consumer-b-own";

    @Inject
    @ConfigProperty(name = "redis.port")
    int port;

    @Produces
    @Singleton
    UnifiedJedis client() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(2);
        return RedisClient.builder().hostAndPort("127.0.0.1", port)
                .clientConfig(DefaultJedisClientConfig.builder().clientName(CLIENT_NAME).build())
                .poolConfig(pool).build();
    }

    void close(@Disposes UnifiedJedis client) {
        client.close();
    }
}
