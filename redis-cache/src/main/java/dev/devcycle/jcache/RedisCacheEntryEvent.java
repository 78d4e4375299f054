package dev.devcycle.jcache;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/** One entry event as a listener sees it: the old value only where its registration asked for old values. */
final class RedisCacheEntryEvent<K, V> extends CacheEntryEvent<K, V> {

    private static final long serialVersionUID = 1L;

    private final K key;
    private final V value;
    private final V oldValue;
    private final boolean oldValueAvailable;

    RedisCacheEntryEvent(Cache<K, V> source, EventType type, K key, V value, V oldValue, boolean oldValueAvailable) {
        super(source, type);
        this.key = key;
        this.value = value;
        this.oldValue = oldValue;
        this.oldValueAvailable = oldValueAvailable;
    }

    /** The event for a listener: REMOVED and EXPIRED carry the removed value only for listeners that want it. */
    @SuppressWarnings("unchecked")
    RedisCacheEntryEvent<K, V> forListener(boolean oldValueRequired) {
        if (oldValueRequired) {
            return this;
        }
        EventType type = getEventType();
        if (type == EventType.REMOVED || type == EventType.EXPIRED) {
            return new RedisCacheEntryEvent<>((Cache<K, V>) getSource(), type, key, null, null, false);
        }
        return new RedisCacheEntryEvent<>((Cache<K, V>) getSource(), type, key, value, null, false);
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    @Override
    public V getOldValue() {
        return oldValue;
    }

    @Override
    public boolean isOldValueAvailable() {
        return oldValueAvailable;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("Cannot unwrap a cache entry event to " + clazz);
    }

    @Override
    public String toString() {
        return "CacheEntryEvent[" + getEventType() + " key=" + key + "]";
    }
}
