package dev.devcycle.jcache;

import javax.cache.Cache;

/**
 * An entry of a {@link RedisJCache} as the iterator returns it: a copy of the key and value read from Redis
 * (store-by-value: changing them changes nothing in the cache).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RedisCacheEntry<K, V> implements Cache.Entry<K, V> {

    private final K key;
    private final V value;

    RedisCacheEntry(K key, V value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    /** Unwraps to this class (or a supertype of it). */
    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("A RedisCacheEntry cannot be unwrapped to " + clazz.getName());
    }

    @Override
    public String toString() {
        return "RedisCacheEntry[" + key + "]";
    }
}
