package dev.devcycle.cache.internal.near;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;

/**
 * Keeps one {@link NearCache} coherent: a dedicated RESP3 connection with {@code CLIENT TRACKING ON BCAST PREFIX
 * <prefix>}, read by a thread of its own. Redis then pushes {@code invalidate} messages for every key under the prefix
 * that any client modifies, deletes, or that expires or is evicted; the listener removes those keys from the near
 * cache.
 *
 * <p>Broadcast mode, not the default mode, because the default mode tracks keys read <i>on the tracking
 * connection</i>, and reads go through the pool. RESP3 on one connection, not RESP2 with a REDIRECT to a subscriber,
 * because then losing the one connection is the only failure: with two, a lost subscriber leaves tracking on and the
 * messages silently dropped.
 *
 * <p>The connection is pinged every heartbeat interval and read with a timeout of three intervals, so a silently dead
 * link is noticed within that time. Whenever the connection fails the near cache is flushed and bypassed
 * ({@link NearCache#trackingLost()}), and the listener reconnects every retry interval until tracking is on again.
 */
public final class InvalidationListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InvalidationListener.class.getName());
    private static final String MSG_TRACKING = "Near cache {0}: tracking Redis invalidations of prefix {1}";
    private static final String MSG_LOST = "Near cache {0}: invalidation connection lost ({1}); flushed and bypassed"
            + " until tracking is re-established";
    private static final String MSG_RETRY = "Near cache {0}: cannot establish tracking ({1}); retrying";
    private static final byte[] INVALIDATE = "invalidate".getBytes(StandardCharsets.US_ASCII);
    /** Name shown by CLIENT LIST, so operators (and tests) can tell the tracking connections apart. */
    public static final String CLIENT_NAME = "devcycle-near-cache";

    private final String cacheName;
    private final NearCache nearCache;
    private final HostAndPort address;
    private final JedisClientConfig config;
    private final Duration heartbeat;
    private final Duration retryDelay;
    private final ScheduledExecutorService heartbeats;
    private final Thread reader;
    private volatile boolean closed;
    private volatile TrackingConnection connection;
    private boolean loggedRetry;

    /**
     * @param config     the application's client configuration (credentials, TLS, timeouts); RESP3 is set here
     * @param heartbeats the executor that pings the connection; shared by the listeners of an application
     */
    public InvalidationListener(String cacheName, NearCache nearCache, HostAndPort address, JedisClientConfig config,
                                Duration heartbeat, Duration retryDelay, ScheduledExecutorService heartbeats) {
        this.cacheName = cacheName;
        this.nearCache = nearCache;
        this.address = address;
        this.config = DefaultJedisClientConfig.builder().from(config).protocol(RedisProtocol.RESP3)
                .clientName(CLIENT_NAME).build();
        this.heartbeat = heartbeat;
        this.retryDelay = retryDelay;
        this.heartbeats = heartbeats;
        this.reader = new Thread(this::run, "devcycle-near-cache-" + cacheName);
        this.reader.setDaemon(true);
    }

    /** Starts the reader thread; the near cache is used from the moment tracking is confirmed. */
    public InvalidationListener start() {
        reader.start();
        return this;
    }

    private void run() {
        while (!closed) {
            TrackingConnection c = null;
            ScheduledFuture<?> pings = null;
            boolean wasTracking = false;
            try {
                c = new TrackingConnection(address, config);
                connection = c;
                Object ok = c.executeCommand(new CommandArguments(Protocol.Command.CLIENT).add("TRACKING").add("ON")
                        .add("BCAST").add("PREFIX").add(nearCache.keyPrefix()));
                if (!"OK".equals(text(ok))) {
                    throw new IllegalStateException("CLIENT TRACKING answered " + text(ok));
                }
                c.setSoTimeout((int) Math.min(Integer.MAX_VALUE, heartbeat.toMillis() * 3));
                pings = schedulePings(c);
                nearCache.trackingStarted();
                wasTracking = true;
                loggedRetry = false;
                LOG.log(Level.INFO, MSG_TRACKING, new Object[] {cacheName, nearCache.keyPrefix()});
                while (!closed) {
                    handle(c.getUnflushedObject());
                }
            } catch (RuntimeException e) {
                nearCache.trackingLost();
                if (closed) {
                    break;
                }
                if (wasTracking) {
                    LOG.log(Level.WARNING, MSG_LOST, new Object[] {cacheName, e.toString()});
                } else if (!loggedRetry) {
                    // Once per outage: a Redis that is down would otherwise log every retry.
                    loggedRetry = true;
                    LOG.log(Level.WARNING, MSG_RETRY, new Object[] {cacheName, e.toString()});
                }
            } finally {
                nearCache.trackingLost();
                if (pings != null) {
                    pings.cancel(false);
                }
                connection = null;
                if (c != null) {
                    c.close();
                }
            }
            sleep(retryDelay);
        }
    }

    private ScheduledFuture<?> schedulePings(TrackingConnection c) {
        long every = Math.max(1, heartbeat.toMillis());
        return heartbeats.scheduleWithFixedDelay(() -> {
            try {
                c.sendPing();
            } catch (RuntimeException e) {
                // The write failed: close, so the reader fails now instead of at its read timeout.
                c.disconnect();
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private void handle(Object message) {
        if (!(message instanceof List<?> push) || push.size() < 2
                || !(push.get(0) instanceof byte[] type) || !java.util.Arrays.equals(type, INVALIDATE)) {
            return; // PONG of a heartbeat
        }
        Object keys = push.get(1);
        if (keys instanceof List<?> list) {
            for (Object key : list) {
                if (key instanceof byte[] bytes) {
                    nearCache.invalidateRedisKey(new String(bytes, StandardCharsets.UTF_8));
                }
            }
        } else {
            // A null key list: FLUSHALL or FLUSHDB.
            nearCache.invalidateAll();
        }
    }

    private void sleep(Duration delay) {
        try {
            Thread.sleep(Math.max(1, delay.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    /** For tests: kills the tracking connection from this side, as a network failure would. */
    void dropConnection() {
        TrackingConnection c = connection;
        if (c != null) {
            c.disconnect();
        }
    }

    @Override
    public void close() {
        closed = true;
        nearCache.trackingLost();
        TrackingConnection c = connection;
        if (c != null) {
            c.disconnect();
        }
        reader.interrupt();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
