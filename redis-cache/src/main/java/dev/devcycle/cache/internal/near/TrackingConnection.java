package dev.devcycle.cache.internal.near;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.PushConsumerContext;

/**
 * A RESP3 connection whose push messages (here: {@code invalidate}) are returned by
 * {@link #getUnflushedObject()} like replies, instead of being consumed by Jedis. Jedis 8 routes push messages
 * through a consumer chain; the default chain only lets pub/sub messages through, so tracking messages would be
 * silently dropped. One reader thread reads; one other thread may {@link #sendPing()} it.
 */
final class TrackingConnection extends Connection {

    TrackingConnection(HostAndPort address, JedisClientConfig config) {
        super(address, config);
    }

    @Override
    protected void initPushConsumers(JedisClientConfig config) {
        addPushConsumer(TrackingConnection::propagate);
    }

    /** Writes a PING without waiting for its reply: the reader thread sees the PONG and knows the link is alive. */
    synchronized void sendPing() {
        sendCommand(Protocol.Command.PING);
        flush();
    }

    private static PushConsumerContext propagate(PushConsumerContext context) {
        context.propagate();
        return context;
    }
}
