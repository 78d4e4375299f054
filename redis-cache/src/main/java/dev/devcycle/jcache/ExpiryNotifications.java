package dev.devcycle.jcache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisException;

import dev.devcycle.redis.KeySpace;
import dev.devcycle.redis.RedisTopology;

/**
 * EXPIRED events for entries Redis itself expires by their TTL: Redis removes such a key without telling the
 * client that wrote it, unless the server publishes keyspace notifications ({@code notify-keyspace-events} with
 * {@code E} and {@code x}, e.g. {@code Ex}; an operator's setting, which the provider never changes). Then every
 * expiry is a message on {@code __keyevent@<db>__:expired} carrying the key (not the value, which is gone).
 *
 * <p>Started when a cache of the manager gets an EXPIRED listener that does not require old values (only those can
 * be given such an event honestly): one subscriber connection of its own per server (standalone) or per cluster
 * primary known at start, reconnecting after a failure, closed with the manager. Sentinel deployments are not covered
 * (the master moves; docs/jcache.md).
 */
final class ExpiryNotifications implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExpiryNotifications.class.getName());
    static final String MSG_NOT_PUBLISHED = "Redis at {0} has notify-keyspace-events=''{1}'': entries it expires give"
            + " no JCache EXPIRED events; set notify-keyspace-events to include E and x (e.g. Ex)";
    static final String MSG_LOST = "Expiry notifications from Redis at {0} interrupted ({1}); reconnecting";
    private static final long RECONNECT_MILLIS = 1000;
    /** Servers already warned about in this JVM: the warning is once per server, not once per cache manager. */
    private static final java.util.Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final ProviderRedisClient.Connection connection;
    private final Map<KeyLayout, Consumer<byte[]>> watched = new ConcurrentHashMap<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private volatile boolean closed;

    ExpiryNotifications(ProviderRedisClient.Connection connection) {
        this.connection = connection;
    }

    /** Whether this deployment can deliver them at all (standalone or cluster). */
    boolean supported() {
        return connection.mode() != RedisTopology.Mode.SENTINEL;
    }

    synchronized void watch(KeyLayout layout, Consumer<byte[]> onExpired) {
        if (closed || !supported()) {
            return;
        }
        watched.put(layout, onExpired);
        if (subscribers.isEmpty()) {
            start();
        }
    }

    void unwatch(KeyLayout layout) {
        watched.remove(layout);
    }

    private void start() {
        String channel = "__keyevent@" + connection.database() + "__:expired";
        List<HostAndPort> nodes = new ArrayList<>();
        if (connection.client() instanceof RedisClusterClient cluster) {
            for (Map.Entry<String, ConnectionPool> node : cluster.getClusterNodes().entrySet()) {
                try (Jedis jedis = new Jedis(node.getValue().getResource())) {
                    if (KeySpace.isPrimary(jedis)) {
                        nodes.add(HostAndPort.from(node.getKey()));
                    }
                } catch (JedisException e) {
                    LOG.log(Level.WARNING, MSG_LOST, new Object[] {node.getKey(), EntryStore.describe(e)});
                }
            }
            channel = "__keyevent@0__:expired";
        } else {
            nodes.add(connection.standalone());
        }
        for (HostAndPort node : nodes) {
            Subscriber subscriber = new Subscriber(node, channel.getBytes(StandardCharsets.US_ASCII));
            subscribers.add(subscriber);
            Thread thread = new Thread(subscriber, "jcache-expiry-" + node);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void expired(byte[] redisKey) {
        for (Map.Entry<KeyLayout, Consumer<byte[]>> entry : watched.entrySet()) {
            if (entry.getKey().owns(redisKey)) {
                entry.getValue().accept(redisKey);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        watched.clear();
        subscribers.forEach(Subscriber::stop);
        subscribers.clear();
    }

    /** One node's subscription, renewed until closed. */
    private final class Subscriber extends BinaryJedisPubSub implements Runnable {

        private final HostAndPort node;
        private final byte[] channel;
        private volatile Jedis jedis;
        private boolean checked;

        Subscriber(HostAndPort node, byte[] channel) {
            this.node = node;
            this.channel = channel;
        }

        @Override
        public void run() {
            while (!closed) {
                try (Jedis connection = new Jedis(node, ExpiryNotifications.this.connection.subscriberConfig())) {
                    jedis = connection;
                    if (!checked) {
                        checked = true;
                        warnIfNotPublished(connection);
                    }
                    if (closed) {
                        return;
                    }
                    connection.subscribe(this, channel);
                } catch (JedisException e) {
                    if (closed) {
                        return;
                    }
                    LOG.log(Level.FINE, MSG_LOST, new Object[] {node, EntryStore.describe(e)});
                    try {
                        Thread.sleep(RECONNECT_MILLIS);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }

        /** CONFIG may be refused to a least-privilege user: then the setting is simply not checked. */
        private void warnIfNotPublished(Jedis connection) {
            try {
                Map<String, String> config = connection.configGet("notify-keyspace-events");
                String flags = config.getOrDefault("notify-keyspace-events", "");
                // E: keyevent channels; x: expiry events ("A" stands for all event classes, x included).
                boolean events = flags.contains("E");
                boolean expired = flags.contains("x") || flags.contains("A");
                if ((!events || !expired) && WARNED.add(node.toString())) {
                    LOG.log(Level.WARNING, MSG_NOT_PUBLISHED, new Object[] {node, flags});
                }
            } catch (JedisException e) {
                LOG.log(Level.FINE, "CONFIG GET notify-keyspace-events refused at {0}", node);
            }
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            try {
                expired(message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "JCache EXPIRED event for a Redis expiry failed: {0}", e.toString());
            }
        }

        void stop() {
            try {
                if (isSubscribed()) {
                    unsubscribe();
                }
            } catch (RuntimeException e) {
                // The connection is going anyway.
            }
            Jedis current = jedis;
            if (current != null) {
                try {
                    current.disconnect();
                } catch (RuntimeException e) {
                    // Closing a broken connection.
                }
            }
        }
    }
}
