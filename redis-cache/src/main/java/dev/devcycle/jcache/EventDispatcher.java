package dev.devcycle.jcache;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;

/**
 * The listeners of one cache and the delivery of an operation's events to them, after Redis accepted the change:
 * synchronous listeners on the caller's thread before the operation returns (their exceptions reach the caller as
 * {@link CacheEntryListenerException}), asynchronous ones in order on one thread of the cache's own.
 *
 * <p>Events are those of the operations made through this cache object, in this JVM: another instance's writes to
 * the same Redis keys do not reach these listeners, and an entry that Redis expires by its TTL gives no EXPIRED event
 * (docs/jcache.md, "Events").
 */
final class EventDispatcher<K, V> {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class.getName());
    private static final String MSG_ASYNC_FAILED = "Asynchronous JCache listener of cache {0} failed";

    private final String cacheName;
    private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();
    private volatile ExecutorService asyncExecutor;

    EventDispatcher(String cacheName) {
        this.cacheName = cacheName;
    }

    void register(CacheEntryListenerConfiguration<K, V> configuration) {
        for (ListenerRegistration<K, V> r : registrations) {
            if (r.configuration().equals(configuration)) {
                throw new IllegalArgumentException("The listener configuration is already registered");
            }
        }
        registrations.add(new ListenerRegistration<>(configuration));
    }

    boolean deregister(CacheEntryListenerConfiguration<K, V> configuration) {
        return registrations.removeIf(r -> r.configuration().equals(configuration));
    }

    List<ListenerRegistration<K, V>> registrations() {
        return registrations;
    }

    boolean isEmpty() {
        return registrations.isEmpty();
    }

    /** The events of one operation (or one bulk operation), delivered grouped by type. */
    static final class Batch<K, V> {
        private final Map<EventType, List<RedisCacheEntryEvent<K, V>>> byType = new EnumMap<>(EventType.class);

        void add(RedisCacheEntryEvent<K, V> event) {
            byType.computeIfAbsent(event.getEventType(), t -> new ArrayList<>()).add(event);
        }

        boolean isEmpty() {
            return byType.isEmpty();
        }
    }

    void dispatch(Batch<K, V> batch) {
        if (batch == null || batch.isEmpty() || registrations.isEmpty()) {
            return;
        }
        for (EventType type : new EventType[] {EventType.EXPIRED, EventType.CREATED, EventType.UPDATED,
                EventType.REMOVED}) {
            List<RedisCacheEntryEvent<K, V>> events = batch.byType.get(type);
            if (events == null) {
                continue;
            }
            for (ListenerRegistration<K, V> r : registrations) {
                if (!r.handles(type)) {
                    continue;
                }
                if (r.synchronous()) {
                    try {
                        r.deliver(type, events);
                    } catch (CacheEntryListenerException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw new CacheEntryListenerException("Listener of cache " + cacheName + " failed", e);
                    }
                } else {
                    async().execute(() -> {
                        try {
                            r.deliver(type, events);
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, MSG_ASYNC_FAILED, new Object[] {cacheName});
                            LOG.log(Level.FINE, MSG_ASYNC_FAILED, e);
                        }
                    });
                }
            }
        }
    }

    /** Whether a listener takes EXPIRED events without old values (the only kind a Redis expiry can give). */
    boolean wantsExpiredWithoutValue() {
        for (ListenerRegistration<K, V> r : registrations) {
            if (r.handles(EventType.EXPIRED) && !r.configuration().isOldValueRequired()) {
                return true;
            }
        }
        return false;
    }

    /**
     * An EXPIRED event of an entry Redis expired, to the listeners that do not require old values; on the cache's
     * event thread even for synchronous listeners, since no caller waits for it.
     */
    void dispatchRedisExpiry(RedisCacheEntryEvent<K, V> event) {
        List<RedisCacheEntryEvent<K, V>> events = List.of(event);
        for (ListenerRegistration<K, V> r : registrations) {
            if (r.handles(EventType.EXPIRED) && !r.configuration().isOldValueRequired()) {
                async().execute(() -> {
                    try {
                        r.deliver(EventType.EXPIRED, events);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, MSG_ASYNC_FAILED, new Object[] {cacheName});
                    }
                });
            }
        }
    }

    private ExecutorService async() {
        ExecutorService executor = asyncExecutor;
        if (executor == null) {
            synchronized (this) {
                executor = asyncExecutor;
                if (executor == null) {
                    executor = Executors.newSingleThreadExecutor(runnable -> {
                        Thread t = new Thread(runnable, "jcache-listeners-" + cacheName);
                        t.setDaemon(true);
                        return t;
                    });
                    asyncExecutor = executor;
                }
            }
        }
        return executor;
    }

    /** Closes the listeners that are Closeable and lets queued asynchronous events finish (a few seconds at most). */
    void close() {
        ExecutorService executor = asyncExecutor;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ListenerRegistration<K, V> r : registrations) {
            Closing.close(r.listener(), cacheName);
        }
        registrations.clear();
    }
}
