package dev.devcycle.redis.internal;

import java.util.NoSuchElementException;

import dev.devcycle.redis.RedisCircuitBreaker;
import dev.devcycle.redis.RedisCircuitOpenException;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * Runs every Jedis command through a {@link RedisCircuitBreaker}: while the circuit is open, commands fail at once
 * with {@link RedisCircuitOpenException} (a connection exception, so every fail-open path treats it as Redis being
 * down) instead of waiting for a timeout.
 */
public final class CircuitBreakingCommandExecutor implements CommandExecutor {

    private final CommandExecutor delegate;
    private final RedisCircuitBreaker breaker;

    public CircuitBreakingCommandExecutor(CommandExecutor delegate, RedisCircuitBreaker breaker) {
        this.delegate = delegate;
        this.breaker = breaker;
    }

    @Override
    public <T> T executeCommand(CommandObject<T> command) {
        if (!breaker.allowRequest()) {
            throw new RedisCircuitOpenException();
        }
        try {
            T reply = delegate.executeCommand(command);
            breaker.onSuccess();
            return reply;
        } catch (JedisAccessControlException e) {
            // A refused password fails every new connection alike; NOPERM only this command.
            if (isAuthenticationFailure(e)) {
                breaker.onFailure(e);
            } else {
                breaker.onSuccess();
            }
            throw e;
        } catch (JedisDataException e) {
            // Redis answered (with an error reply): the connection is fine.
            breaker.onSuccess();
            throw e;
        } catch (JedisException e) {
            // A pool with no free connection within its wait is contention in this JVM, not a failing Redis: it
            // neither opens the circuit nor closes it. A dead or frozen Redis still trips it through the timeouts
            // of the commands holding the connections.
            if (!isPoolExhausted(e)) {
                breaker.onFailure(e);
            }
            throw e;
        }
    }

    /** Jedis' pool wraps commons-pool's "Timeout waiting for idle object" in a plain JedisException. */
    public static boolean isPoolExhausted(JedisException e) {
        return e.getCause() instanceof NoSuchElementException;
    }

    static boolean isAuthenticationFailure(JedisAccessControlException e) {
        String message = e.getMessage();
        return message != null && (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH"));
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
