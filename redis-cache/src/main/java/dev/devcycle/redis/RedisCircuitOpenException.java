package dev.devcycle.redis;

import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A command was not sent because the module's circuit breaker is open (Redis failed repeatedly and is skipped for a
 * while, {@link RedisCircuitBreaker}). A connection exception, so every fail-open path treats it as Redis being down.
 */
public final class RedisCircuitOpenException extends JedisConnectionException {

    private static final long serialVersionUID = 1L;

    public RedisCircuitOpenException() {
        super("Redis circuit is open: Redis is skipped after repeated failures");
    }
}
