package dev.devcycle.jcache;

import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.processor.MutableEntry;

/**
 * The entry an {@link javax.cache.processor.EntryProcessor} works on: the value read from Redis, changed only in
 * memory; what the processor did ({@link Operation}) is applied to Redis afterwards in one compare-and-set, so the
 * invocation is atomic against every other instance.
 */
final class ProcessorEntry<K, V> implements MutableEntry<K, V> {

    /** The net effect of the processor on the entry. */
    enum Operation { NONE, ACCESS, CREATE, LOAD, UPDATE, REMOVE }

    private final K key;
    private final V stored;
    private final CacheLoader<K, V> loader;
    private V value;
    private Operation operation = Operation.NONE;

    ProcessorEntry(K key, V stored, CacheLoader<K, V> loader) {
        this.key = key;
        this.stored = stored;
        this.loader = loader;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        if (operation == Operation.NONE) {
            value = stored;
        }
        if (value != null) {
            if (operation == Operation.NONE) {
                operation = Operation.ACCESS;
            }
        } else if (loader != null) {
            try {
                value = loader.load(key);
            } catch (CacheLoaderException e) {
                throw e;
            } catch (Exception e) {
                throw new CacheLoaderException("Exception in CacheLoader", e);
            }
            if (value != null) {
                operation = Operation.LOAD;
            }
        }
        return value;
    }

    @Override
    public boolean exists() {
        return (operation == Operation.NONE && stored != null) || value != null;
    }

    @Override
    public void remove() {
        operation = (operation == Operation.CREATE || operation == Operation.LOAD) ? Operation.NONE
                : Operation.REMOVE;
        value = null;
    }

    @Override
    public void setValue(V newValue) {
        if (newValue == null) {
            throw new NullPointerException("value");
        }
        operation = stored == null ? Operation.CREATE : Operation.UPDATE;
        value = newValue;
    }

    Operation operation() {
        return operation;
    }

    V value() {
        return value;
    }

    V stored() {
        return stored;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        throw new IllegalArgumentException("An entry processor's entry cannot be unwrapped");
    }
}
