package dev.devcycle.jcache;

import java.util.List;

import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/** A registered listener: the instance its factory made, its filter, and how it wants its events. */
final class ListenerRegistration<K, V> {

    private final CacheEntryListenerConfiguration<K, V> configuration;
    private final CacheEntryListener<? super K, ? super V> listener;
    private final CacheEntryEventFilter<? super K, ? super V> filter;

    ListenerRegistration(CacheEntryListenerConfiguration<K, V> configuration) {
        this.configuration = configuration;
        this.listener = configuration.getCacheEntryListenerFactory().create();
        Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
                configuration.getCacheEntryEventFilterFactory();
        this.filter = filterFactory == null ? null : filterFactory.create();
    }

    CacheEntryListenerConfiguration<K, V> configuration() {
        return configuration;
    }

    CacheEntryListener<? super K, ? super V> listener() {
        return listener;
    }

    boolean synchronous() {
        return configuration.isSynchronous();
    }

    boolean handles(EventType type) {
        return switch (type) {
            case CREATED -> listener instanceof CacheEntryCreatedListener;
            case UPDATED -> listener instanceof CacheEntryUpdatedListener;
            case REMOVED -> listener instanceof CacheEntryRemovedListener;
            case EXPIRED -> listener instanceof CacheEntryExpiredListener;
        };
    }

    /** Delivers the events of one type that pass the filter, as one batch (as the spec's listener methods take). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void deliver(EventType type, List<RedisCacheEntryEvent<K, V>> events) {
        List<CacheEntryEvent<? extends K, ? extends V>> batch = new java.util.ArrayList<>(events.size());
        for (RedisCacheEntryEvent<K, V> event : events) {
            if (filter == null || filter.evaluate(event)) {
                batch.add(event.forListener(configuration.isOldValueRequired()));
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        Iterable raw = batch;
        switch (type) {
            case CREATED -> ((CacheEntryCreatedListener) listener).onCreated(raw);
            case UPDATED -> ((CacheEntryUpdatedListener) listener).onUpdated(raw);
            case REMOVED -> ((CacheEntryRemovedListener) listener).onRemoved(raw);
            case EXPIRED -> ((CacheEntryExpiredListener) listener).onExpired(raw);
        }
    }
}
