package dev.devcycle.jcache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.EventType;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.management.CacheMXBean;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import javax.management.ObjectName;

import redis.clients.jedis.UnifiedJedis;

/**
 * A JCache {@link Cache} whose entries live in Redis, one Redis string per entry under
 * {@code jcache:<namespace>:<cache>:<encoded key>} (docs/jcache.md). Every instance of the application that opens a
 * cache of the same name in a cache manager of the same namespace shares its entries; expiry is Redis' TTL.
 *
 * <p>How an operation reaches Redis: with one of the spec's own expiry policies and no write-through, each operation
 * is one command or one single-key Lua script ({@code get} is GET or GETEX, {@code put} SET or a script choosing the
 * creation or update TTL, {@code putIfAbsent} SET NX, {@code remove} DEL or GETDEL, {@code replace(k, old, new)} a
 * compare-by-bytes script). Otherwise (a custom expiry policy, a {@link CacheWriter}, entry processors) the operation
 * reads the entry, decides in Java (asking the policy or writer exactly what the spec says) and writes with a
 * compare-and-set script on the bytes it read, retrying if another instance changed the entry in between; the
 * decision may then run again, so writers and entry processors should be idempotent.
 *
 * <p>Values are compared by {@code equals} where the spec says so ({@code remove(k, v)}, {@code replace(k, o, n)}):
 * equal bytes are a match at once; different bytes are decoded and compared, and a match is then applied with a
 * compare-and-set on the bytes read.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RedisJCache<K, V> implements Cache<K, V> {

    private static final Logger LOG = Logger.getLogger(RedisJCache.class.getName());
    static final String MSG_CLOSED = "JCache cache '%s' is closed";
    static final String MSG_SKIPPED_ENTRY = "Iterator of JCache cache {0} skipped an entry it cannot read: {1}";

    private final RedisCacheManager manager;
    private final String name;
    private final MutableConfiguration<K, V> configuration;
    private final EntryStore store;
    private final EntryCodec codec;
    private final ExpiryRules expiry;
    private final CacheLoader<K, V> loader;
    private final CacheWriter<K, V> writer;
    private final EventDispatcher<K, V> dispatcher;
    private final CacheStatisticsBean statistics = new CacheStatisticsBean();
    private final CacheConfigurationBean configurationBean;
    private final Executor background;
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    RedisJCache(RedisCacheManager manager, String name, Configuration<K, V> given, UnifiedJedis redis,
                KeyLayout layout, List<String> allowPatterns, ClassLoader classLoader, Executor background) {
        this.manager = manager;
        this.name = name;
        // A copy: the caller's configuration may be changed afterwards or used for other caches.
        if (given instanceof CompleteConfiguration<K, V> complete) {
            this.configuration = new MutableConfiguration<>(complete);
        } else {
            MutableConfiguration<K, V> basic = new MutableConfiguration<>();
            basic.setStoreByValue(given.isStoreByValue());
            basic.setTypes(given.getKeyType(), given.getValueType());
            this.configuration = basic;
        }
        this.store = new EntryStore(redis, name, layout);
        this.codec = new EntryCodec(name, classLoader, SerializationAllowlist.of(configuration.getKeyType(),
                configuration.getValueType(), allowPatterns));
        this.expiry = new ExpiryRules(configuration.getExpiryPolicyFactory().create());
        this.loader = configuration.getCacheLoaderFactory() == null ? null
                : (CacheLoader<K, V>) configuration.getCacheLoaderFactory().create();
        this.writer = configuration.getCacheWriterFactory() == null ? null
                : (CacheWriter<K, V>) configuration.getCacheWriterFactory().create();
        this.dispatcher = new EventDispatcher<>(name);
        for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
            dispatcher.register(listener);
        }
        this.configurationBean = new CacheConfigurationBean(configuration);
        this.background = background;
        watchRedisExpiries();
        if (configuration.isManagementEnabled()) {
            setManagementEnabled(true);
        }
        if (configuration.isStatisticsEnabled()) {
            setStatisticsEnabled(true);
        }
    }

    // ----- reads -----

    @Override
    public V get(K key) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
        V value = read(key, events);
        dispatcher.dispatch(events);
        return value;
    }

    private V read(K key, EventDispatcher.Batch<K, V> events) {
        long start = System.nanoTime();
        byte[] k = redisKey(key);
        byte[] raw = expiry.fixed() ? store.getWithAccess(k, expiry.forAccess()) : store.get(k);
        if (raw != null) {
            V value = decodeValue(raw);
            if (!expiry.fixed()) {
                store.applyTtl(k, expiry.forAccess());
            }
            if (stats()) {
                statistics.hit();
                statistics.getTime(start);
            }
            return value;
        }
        if (stats()) {
            statistics.miss();
        }
        V loaded = readThrough(key, k, events);
        if (stats()) {
            statistics.getTime(start);
        }
        return loaded;
    }

    /** A miss of a read-through cache: load, then store as a creation unless another writer got there first. */
    private V readThrough(K key, byte[] k, EventDispatcher.Batch<K, V> events) {
        if (!configuration.isReadThrough() || loader == null) {
            return null;
        }
        V value = load(key);
        if (value == null) {
            return null;
        }
        long creation = expiry.forCreation();
        if (creation == ExpiryRules.NOW) {
            return null;
        }
        if (store.setIfAbsent(k, codec.encode(value), creation)) {
            events.add(created(key, value));
        }
        return value;
    }

    private V load(K key) {
        try {
            return loader.load(key);
        } catch (CacheLoaderException e) {
            throw e;
        } catch (Exception e) {
            throw new CacheLoaderException("Exception in CacheLoader of cache " + name, e);
        }
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keys) {
        ensureOpen();
        requireNoNulls(keys);
        Map<K, V> result = new HashMap<>(keys.size() * 2);
        EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
        if (expiry.fixed() && expiry.forAccess() == ExpiryRules.KEEP) {
            long start = System.nanoTime();
            List<K> ordered = new ArrayList<>(keys);
            List<byte[]> redisKeys = new ArrayList<>(ordered.size());
            for (K key : ordered) {
                redisKeys.add(redisKey(key));
            }
            List<byte[]> values = store.getAll(redisKeys);
            for (int i = 0; i < ordered.size(); i++) {
                byte[] raw = values.get(i);
                K key = ordered.get(i);
                if (raw != null) {
                    result.put(key, decodeValue(raw));
                    if (stats()) {
                        statistics.hit();
                    }
                } else {
                    if (stats()) {
                        statistics.miss();
                    }
                    V loaded = readThrough(key, redisKeys.get(i), events);
                    if (loaded != null) {
                        result.put(key, loaded);
                    }
                }
            }
            if (stats()) {
                statistics.getTime(start);
            }
        } else {
            for (K key : keys) {
                V value = read(key, events);
                if (value != null) {
                    result.put(key, value);
                }
            }
        }
        dispatcher.dispatch(events);
        return result;
    }

    @Override
    public boolean containsKey(K key) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        return store.exists(redisKey(key));
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener completionListener) {
        ensureOpen();
        Objects.requireNonNull(keys, "keys");
        if (loader == null) {
            if (completionListener != null) {
                completionListener.onCompletion();
            }
            return;
        }
        requireNoNulls(keys);
        List<K> requested = new ArrayList<>(keys);
        background.execute(() -> {
            try {
                List<K> toLoad = new ArrayList<>();
                for (K key : requested) {
                    if (replaceExistingValues || !containsKey(key)) {
                        toLoad.add(key);
                    }
                }
                Map<K, V> loaded;
                try {
                    loaded = loader.loadAll(toLoad);
                } catch (CacheLoaderException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CacheLoaderException("Exception in CacheLoader of cache " + name, e);
                }
                if (loaded != null) {
                    for (Map.Entry<K, V> entry : loaded.entrySet()) {
                        if (entry.getKey() == null || entry.getValue() == null) {
                            continue;
                        }
                        EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
                        if (replaceExistingValues) {
                            store(entry.getKey(), entry.getValue(), false, false, false, events);
                        } else {
                            storeIfAbsent(entry.getKey(), entry.getValue(), events);
                        }
                        dispatcher.dispatch(events);
                    }
                }
                if (completionListener != null) {
                    completionListener.onCompletion();
                }
            } catch (Exception e) {
                if (completionListener != null) {
                    completionListener.onException(e);
                }
            }
        });
    }

    // ----- writes -----

    @Override
    public void put(K key, V value) {
        ensureOpen();
        checkEntry(key, value);
        EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
        store(key, value, false, true, true, events);
        dispatcher.dispatch(events);
    }

    @Override
    public V getAndPut(K key, V value) {
        ensureOpen();
        checkEntry(key, value);
        long start = System.nanoTime();
        EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
        V old = store(key, value, true, true, true, events);
        countRead(start, old != null);
        dispatcher.dispatch(events);
        return old;
    }

    /**
     * Stores a value as a creation or an update, with the expiry the policy gives that case.
     *
     * @return the previous value when asked for (or when listeners need it), else null
     */
    private V store(K key, V value, boolean needOld, boolean useWriter, boolean countPut,
                    EventDispatcher.Batch<K, V> events) {
        long start = System.nanoTime();
        byte[] k = redisKey(key);
        byte[] v = codec.encode(value);
        boolean wantOld = needOld || !dispatcher.isEmpty();
        boolean writes = useWriter && writeThrough();
        if (expiry.fixed() && !writes) {
            long creation = expiry.forCreation();
            long update = expiry.forUpdate();
            boolean oneTtl = creation != ExpiryRules.NOW && (creation == update
                    || (creation == ExpiryRules.ETERNAL && update == ExpiryRules.KEEP));
            byte[] oldRaw;
            boolean stored;
            if (oneTtl) {
                oldRaw = store.set(k, v, Math.max(creation, 0), wantOld);
                stored = true;
            } else {
                EntryStore.PutOutcome outcome = store.put(k, v, creation, update, wantOld);
                oldRaw = outcome.old();
                stored = outcome.status() != EntryStore.PutOutcome.NOT_STORED;
            }
            V old = oldRaw == null ? null : decodeValue(oldRaw);
            if (stored) {
                events.add(old == null ? created(key, value) : updated(key, value, old));
                if (countPut) {
                    countPut(start);
                }
            }
            return old;
        }
        while (true) {
            byte[] current = store.get(k);
            V old = current == null ? null : decodeValue(current);
            if (writes) {
                write(key, value);
            }
            long ttl = current == null ? expiry.forCreation() : expiry.forUpdate();
            if (current == null && ttl == ExpiryRules.NOW) {
                return null;
            }
            if (store.compareAndSet(k, current, EntryStore.Action.SET, v, ttl)) {
                events.add(old == null ? created(key, value) : updated(key, value, old));
                if (countPut) {
                    countPut(start);
                }
                return old;
            }
        }
    }

    /** putIfAbsent without statistics or writer: loadAll's store of a value that must not replace one. */
    private boolean storeIfAbsent(K key, V value, EventDispatcher.Batch<K, V> events) {
        long creation = expiry.forCreation();
        if (creation == ExpiryRules.NOW) {
            return false;
        }
        if (store.setIfAbsent(redisKey(key), codec.encode(value), creation)) {
            events.add(created(key, value));
            return true;
        }
        return false;
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        ensureOpen();
        Objects.requireNonNull(map, "map");
        for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
            checkEntry(entry.getKey(), entry.getValue());
        }
        Map<K, V> toStore = new LinkedHashMap<>(map);
        CacheWriterException failure = null;
        if (writeThrough()) {
            Collection<Cache.Entry<? extends K, ? extends V>> entries = new ArrayList<>();
            for (Map.Entry<K, V> entry : toStore.entrySet()) {
                entries.add(new RedisCacheEntry<>(entry.getKey(), entry.getValue()));
            }
            try {
                writer.writeAll(entries);
            } catch (CacheWriterException e) {
                failure = e;
            } catch (Exception e) {
                failure = new CacheWriterException("Exception in CacheWriter of cache " + name, e);
            }
            // What the writer left in the collection was not written: it must not be cached either.
            for (Cache.Entry<? extends K, ? extends V> unwritten : entries) {
                toStore.remove(unwritten.getKey());
            }
        }
        EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
        for (Map.Entry<K, V> entry : toStore.entrySet()) {
            store(entry.getKey(), entry.getValue(), false, false, true, events);
        }
        dispatcher.dispatch(events);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        ensureOpen();
        checkEntry(key, value);
        long start = System.nanoTime();
        byte[] k = redisKey(key);
        byte[] v = codec.encode(value);
        EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
        boolean stored;
        if (!writeThrough() && expiry.fixed()) {
            long creation = expiry.forCreation();
            stored = creation != ExpiryRules.NOW && store.setIfAbsent(k, v, creation);
        } else {
            stored = false;
            while (true) {
                if (store.get(k) != null) {
                    break;
                }
                if (writeThrough()) {
                    write(key, value);
                }
                long creation = expiry.forCreation();
                if (creation == ExpiryRules.NOW) {
                    break;
                }
                if (store.compareAndSet(k, null, EntryStore.Action.SET, v, creation)) {
                    stored = true;
                    break;
                }
            }
        }
        if (stored) {
            events.add(created(key, value));
        }
        if (stored) {
            countPut(start);
        }
        countRead(start, !stored);
        dispatcher.dispatch(events);
        return stored;
    }

    @Override
    public boolean remove(K key) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        long start = System.nanoTime();
        if (writeThrough()) {
            delete(key);
        }
        EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
        boolean removed = removeStored(key, redisKey(key), events);
        if (removed) {
            countRemoval(start);
        }
        dispatcher.dispatch(events);
        return removed;
    }

    /** DEL, or GETDEL when listeners want the removed value. */
    private boolean removeStored(K key, byte[] k, EventDispatcher.Batch<K, V> events) {
        if (dispatcher.isEmpty()) {
            return store.delete(k);
        }
        byte[] old = store.getAndDelete(k);
        if (old == null) {
            return false;
        }
        events.add(removed(key, decodeValue(old)));
        return true;
    }

    @Override
    public boolean remove(K key, V oldValue) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(oldValue, "oldValue");
        long start = System.nanoTime();
        byte[] k = redisKey(key);
        EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
        Boolean result = ifEquals(key, k, oldValue, null);
        boolean removed = Boolean.TRUE.equals(result);
        if (removed) {
            events.add(removed(key, oldValue));
        }
        if (removed) {
            countRemoval(start);
        }
        countRead(start, result != null);
        dispatcher.dispatch(events);
        return removed;
    }

    /**
     * Replaces ({@code newValue} non-null) or removes the entry if its value {@code equals} {@code expected}; a
     * mismatch is an access (the access expiry applies).
     *
     * @return null if absent, false if present with another value, true if done
     */
    private Boolean ifEquals(K key, byte[] k, V expected, V newValue) {
        byte[] replacement = newValue == null ? null : codec.encode(newValue);
        if (!writeThrough() && expiry.fixed()) {
            // One script comparing the bytes; equal objects encoded differently are compared decoded below.
            EntryStore.CompareOutcome outcome = store.ifEquals(k, codec.encode(expected), replacement,
                    expiry.forUpdate(), expiry.forAccess());
            if (outcome.status() == EntryStore.CompareOutcome.ABSENT) {
                return null;
            }
            if (outcome.status() == EntryStore.CompareOutcome.DONE) {
                return Boolean.TRUE;
            }
            if (!expected.equals(decodeValue(outcome.current()))) {
                return Boolean.FALSE;
            }
            if (apply(k, outcome.current(), replacement)) {
                return Boolean.TRUE;
            }
        }
        while (true) {
            byte[] current = store.get(k);
            if (current == null) {
                return null;
            }
            if (!expected.equals(decodeValue(current))) {
                store.applyTtl(k, expiry.forAccess());
                return Boolean.FALSE;
            }
            if (writeThrough()) {
                if (newValue == null) {
                    delete(key);
                } else {
                    write(key, newValue);
                }
            }
            if (apply(k, current, replacement)) {
                return Boolean.TRUE;
            }
        }
    }

    /** Compare-and-set of a replacement (or a removal, replacement null) on the bytes read. */
    private boolean apply(byte[] k, byte[] current, byte[] replacement) {
        return replacement == null
                ? store.compareAndSet(k, current, EntryStore.Action.DELETE, null, 0)
                : store.compareAndSet(k, current, EntryStore.Action.SET, replacement, expiry.forUpdate());
    }

    @Override
    public V getAndRemove(K key) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        long start = System.nanoTime();
        if (writeThrough()) {
            delete(key);
        }
        byte[] old = store.getAndDelete(redisKey(key));
        V value = old == null ? null : decodeValue(old);
        countRead(start, value != null);
        if (value != null) {
            countRemoval(start);
            fire(removed(key, value));
        }
        return value;
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
        checkEntry(key, newValue);
        checkValueType(oldValue);
        long start = System.nanoTime();
        byte[] k = redisKey(key);
        Boolean result = ifEquals(key, k, oldValue, newValue);
        boolean replaced = Boolean.TRUE.equals(result);
        if (replaced) {
            countPut(start);
        }
        countRead(start, result != null);
        if (replaced) {
            fire(updated(key, newValue, oldValue));
        }
        return replaced;
    }

    @Override
    public boolean replace(K key, V value) {
        ensureOpen();
        checkEntry(key, value);
        return replaceExisting(key, value) != null;
    }

    @Override
    public V getAndReplace(K key, V value) {
        ensureOpen();
        checkEntry(key, value);
        return replaceExisting(key, value);
    }

    /** Replaces an existing entry; returns the old value, or null (and changes nothing) if there was none. */
    private V replaceExisting(K key, V value) {
        long start = System.nanoTime();
        byte[] k = redisKey(key);
        byte[] v = codec.encode(value);
        V old;
        while (true) {
            byte[] current = store.get(k);
            if (current == null) {
                old = null;
                break;
            }
            old = decodeValue(current);
            if (writeThrough()) {
                write(key, value);
            }
            if (store.compareAndSet(k, current, EntryStore.Action.SET, v, expiry.forUpdate())) {
                break;
            }
        }
        countRead(start, old != null);
        if (old != null) {
            countPut(start);
            fire(updated(key, value, old));
        }
        return old;
    }

    @Override
    public void removeAll(Set<? extends K> keys) {
        ensureOpen();
        requireNoNulls(keys);
        Set<K> toRemove = new LinkedHashSet<>(keys);
        CacheWriterException failure = null;
        if (writeThrough()) {
            Collection<K> pending = new LinkedHashSet<>(toRemove);
            failure = deleteAll(pending);
            // The writer removes what it deleted; what is left was not deleted and stays cached.
            toRemove.removeAll(pending);
        }
        removeStoredKeys(toRemove);
        if (failure != null) {
            throw failure;
        }
    }

    private void removeStoredKeys(Collection<K> keys) {
        long start = System.nanoTime();
        EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
        long removed = 0;
        if (dispatcher.isEmpty()) {
            // Nobody needs the removed values: one UNLINK of all the keys (one per key on a cluster).
            List<byte[]> redisKeys = new ArrayList<>(keys.size());
            for (K key : keys) {
                redisKeys.add(redisKey(key));
            }
            removed = store.unlink("removeAll", redisKeys);
        } else {
            for (K key : keys) {
                if (removeStored(key, redisKey(key), events)) {
                    removed++;
                }
            }
        }
        if (stats() && removed > 0) {
            statistics.removals(removed);
            statistics.removeTime(start);
        }
        dispatcher.dispatch(events);
    }

    @Override
    public void removeAll() {
        ensureOpen();
        CacheWriterException failure = null;
        EntryStore.KeyScan scan = store.scan();
        while (!scan.done()) {
            List<K> page = new ArrayList<>();
            for (byte[] redisKey : scan.next()) {
                K key = decodeKeyOrSkip(redisKey);
                if (key != null) {
                    page.add(key);
                }
            }
            if (page.isEmpty()) {
                continue;
            }
            if (writeThrough()) {
                Collection<K> pending = new LinkedHashSet<>(page);
                CacheWriterException e = deleteAll(pending);
                if (e != null && failure == null) {
                    failure = e;
                }
                page.removeAll(pending);
            }
            removeStoredKeys(page);
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void clear() {
        ensureOpen();
        clearStore();
    }

    /** Removes every entry with SCAN + UNLINK: no events, no writer, no statistics (the spec's clear). */
    void clearStore() {
        EntryStore.KeyScan scan = store.scan();
        while (!scan.done()) {
            store.unlink("clear", scan.next());
        }
    }

    // ----- entry processors -----

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(entryProcessor, "entryProcessor");
        long start = System.nanoTime();
        byte[] k = redisKey(key);
        boolean counted = false;
        while (true) {
            byte[] current = store.get(k);
            V stored = current == null ? null : decodeValue(current);
            if (!counted && stats()) {
                if (stored == null) {
                    statistics.miss();
                } else {
                    statistics.hit();
                }
                statistics.getTime(start);
                counted = true;
            }
            ProcessorEntry<K, V> entry = new ProcessorEntry<>(key, stored,
                    configuration.isReadThrough() ? loader : null);
            T result;
            try {
                result = entryProcessor.process(entry, arguments);
            } catch (CacheException e) {
                throw e;
            } catch (Exception e) {
                throw new EntryProcessorException(e);
            }
            EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
            if (apply(key, k, current, entry, events)) {
                dispatcher.dispatch(events);
                return result;
            }
        }
    }

    /** Writes what the processor did; false if the entry changed since it was read (the invocation runs again). */
    private boolean apply(K key, byte[] k, byte[] current, ProcessorEntry<K, V> entry,
                          EventDispatcher.Batch<K, V> events) {
        long start = System.nanoTime();
        switch (entry.operation()) {
            case NONE:
                return true;
            case ACCESS: {
                long access = expiry.forAccess();
                if (access != ExpiryRules.KEEP) {
                    store.compareAndSet(k, current, EntryStore.Action.EXPIRE, null, access);
                }
                return true;
            }
            case CREATE:
            case LOAD: {
                V value = entry.value();
                checkValueType(value);
                if (entry.operation() == ProcessorEntry.Operation.CREATE && writeThrough()) {
                    write(key, value);
                }
                long creation = expiry.forCreation();
                if (creation == ExpiryRules.NOW) {
                    return true;
                }
                if (!store.compareAndSet(k, current, EntryStore.Action.SET, codec.encode(value),
                        current == null ? creation : expiry.forUpdate())) {
                    return false;
                }
                events.add(current == null ? created(key, value) : updated(key, value, entry.stored()));
                if (entry.operation() == ProcessorEntry.Operation.CREATE) {
                    countPut(start);
                }
                return true;
            }
            case UPDATE: {
                V value = entry.value();
                checkValueType(value);
                if (writeThrough()) {
                    write(key, value);
                }
                if (!store.compareAndSet(k, current, EntryStore.Action.SET, codec.encode(value),
                        expiry.forUpdate())) {
                    return false;
                }
                events.add(updated(key, value, entry.stored()));
                countPut(start);
                return true;
            }
            case REMOVE: {
                if (writeThrough()) {
                    delete(key);
                }
                if (current != null) {
                    if (!store.compareAndSet(k, current, EntryStore.Action.DELETE, null, 0)) {
                        return false;
                    }
                    events.add(removed(key, entry.stored()));
                }
                countRemoval(start);
                return true;
            }
            default:
                return true;
        }
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys,
                                                         EntryProcessor<K, V, T> entryProcessor,
                                                         Object... arguments) {
        ensureOpen();
        requireNoNulls(keys);
        Objects.requireNonNull(entryProcessor, "entryProcessor");
        Map<K, EntryProcessorResult<T>> results = new HashMap<>();
        for (K key : keys) {
            try {
                T result = invoke(key, entryProcessor, arguments);
                if (result != null) {
                    results.put(key, () -> result);
                }
            } catch (Exception e) {
                EntryProcessorException failure = e instanceof EntryProcessorException epe ? epe
                        : new EntryProcessorException(e);
                results.put(key, () -> {
                    throw failure;
                });
            }
        }
        return results;
    }

    // ----- iteration -----

    @Override
    public Iterator<Cache.Entry<K, V>> iterator() {
        ensureOpen();
        return new EntryIterator();
    }

    /**
     * Entries page by page from SCAN (never KEYS), each page's values with one MGET (a GET each on a cluster). An
     * entry removed between the SCAN and the read is skipped; an entry another writer left unreadable is skipped and
     * logged rather than ending the iteration (a session manager's invalidation pass must get through).
     */
    private final class EntryIterator implements Iterator<Cache.Entry<K, V>> {

        private final EntryStore.KeyScan scan = store.scan();
        private final java.util.ArrayDeque<RedisCacheEntry<K, V>> buffered = new java.util.ArrayDeque<>();
        private final Set<java.nio.ByteBuffer> seen = new HashSet<>();
        private RedisCacheEntry<K, V> last;

        @Override
        public boolean hasNext() {
            ensureOpen();
            while (buffered.isEmpty() && !scan.done()) {
                fill(scan.nextWithValues());
            }
            return !buffered.isEmpty();
        }

        private void fill(EntryStore.Page page) {
            long start = System.nanoTime();
            for (int i = 0; i < page.keys().size(); i++) {
                byte[] redisKey = page.keys().get(i);
                byte[] raw = page.values().get(i);
                // Removed since the SCAN; or returned twice by SCAN while Redis rehashes its table.
                if (raw == null || !seen.add(java.nio.ByteBuffer.wrap(redisKey))) {
                    continue;
                }
                K key;
                V value;
                try {
                    key = decodeKey(redisKey);
                    value = decodeValue(raw);
                } catch (CacheException | ClassCastException e) {
                    LOG.log(Level.WARNING, MSG_SKIPPED_ENTRY, new Object[] {name, e.getMessage()});
                    continue;
                }
                buffered.add(new RedisCacheEntry<>(key, value));
            }
            if (stats() && !buffered.isEmpty()) {
                statistics.getTime(start);
            }
        }

        /** Each returned entry is an access: a hit, and the access expiry (asked per entry, as the spec says). */
        @Override
        public Cache.Entry<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            last = buffered.poll();
            long access = expiry.forAccess();
            if (access != ExpiryRules.KEEP) {
                store.applyTtl(redisKey(last.getKey()), access);
            }
            if (stats()) {
                statistics.hit();
            }
            return last;
        }

        @Override
        public void remove() {
            if (last == null) {
                throw new IllegalStateException("next() must be called before remove()");
            }
            ensureOpen();
            long start = System.nanoTime();
            K key = last.getKey();
            if (writeThrough()) {
                delete(key);
            }
            if (store.delete(redisKey(key))) {
                countRemoval(start);
                fire(removed(key, last.getValue()));
            }
            last = null;
        }
    }

    // ----- configuration, listeners, management -----

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
        if (clazz.isInstance(configuration)) {
            return clazz.cast(configuration);
        }
        throw new IllegalArgumentException("The configuration of cache " + name + " is not a " + clazz.getName());
    }

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        ensureOpen();
        Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
        configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
        dispatcher.register(listenerConfiguration);
        watchRedisExpiries();
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        ensureOpen();
        Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
        configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
        dispatcher.deregister(listenerConfiguration);
        watchRedisExpiries();
    }

    /** Subscribes to Redis' expiry notifications while a listener can take their events (ExpiryNotifications). */
    private void watchRedisExpiries() {
        if (dispatcher.wantsExpiredWithoutValue()) {
            manager.expiryNotifications().watch(store.layout(), this::expiredByRedis);
        } else {
            manager.expiryNotifications().unwatch(store.layout());
        }
    }

    /** Redis expired one of this cache's keys: an EXPIRED event with the key only (the value is gone). */
    private void expiredByRedis(byte[] redisKey) {
        if (closed) {
            return;
        }
        K key = decodeKeyOrSkip(redisKey);
        if (key != null) {
            dispatcher.dispatchRedisExpiry(new RedisCacheEntryEvent<>(this, EventType.EXPIRED, key, null, null,
                    false));
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        manager.release(name, this);
        manager.expiryNotifications().unwatch(store.layout());
        ManagementRegistration.unregister(objectName(ManagementRegistration.CONFIGURATION));
        ManagementRegistration.unregister(objectName(ManagementRegistration.STATISTICS));
        Closing.close(loader, name);
        Closing.close(writer, name);
        Closing.close(expiry.policy(), name);
        dispatcher.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Unwraps to this class (or {@link Cache}), or to the Jedis client the cache uses ({@code UnifiedJedis}): the
     * client is shared by the cache manager's caches, do not close it.
     */
    @Override
    public <T> T unwrap(Class<T> clazz) {
        return Unwrapping.unwrap(this, store.redis(), clazz);
    }

    /** The configuration MXBean (registered when management is enabled). */
    CacheMXBean configurationMXBean() {
        return configurationBean;
    }

    /** The statistics of this cache object (registered when statistics are enabled). */
    CacheStatisticsMXBean statisticsMXBean() {
        return statistics;
    }

    void setManagementEnabled(boolean enabled) {
        configuration.setManagementEnabled(enabled);
        ObjectName objectName = objectName(ManagementRegistration.CONFIGURATION);
        if (enabled) {
            ManagementRegistration.register(configurationBean, objectName);
        } else {
            ManagementRegistration.unregister(objectName);
        }
    }

    void setStatisticsEnabled(boolean enabled) {
        configuration.setStatisticsEnabled(enabled);
        ObjectName objectName = objectName(ManagementRegistration.STATISTICS);
        if (enabled) {
            ManagementRegistration.register(statistics, objectName);
        } else {
            ManagementRegistration.unregister(objectName);
        }
    }

    private ObjectName objectName(String type) {
        return ManagementRegistration.name(type, manager.getURI().toString(), name);
    }

    // ----- helpers -----

    private boolean stats() {
        return configuration.isStatisticsEnabled();
    }

    /** A read's hit or miss and its time, when statistics are on. */
    private void countRead(long start, boolean hit) {
        if (stats()) {
            if (hit) {
                statistics.hit();
            } else {
                statistics.miss();
            }
            statistics.getTime(start);
        }
    }

    private void countPut(long start) {
        if (stats()) {
            statistics.put();
            statistics.putTime(start);
        }
    }

    private void countRemoval(long start) {
        if (stats()) {
            statistics.removal();
            statistics.removeTime(start);
        }
    }

    /** Delivers the one event of an operation. */
    private void fire(RedisCacheEntryEvent<K, V> event) {
        EventDispatcher.Batch<K, V> events = new EventDispatcher.Batch<>();
        events.add(event);
        dispatcher.dispatch(events);
    }

    private boolean writeThrough() {
        return writer != null && configuration.isWriteThrough();
    }

    private void write(K key, V value) {
        try {
            writer.write(new RedisCacheEntry<>(key, value));
        } catch (CacheWriterException e) {
            throw e;
        } catch (Exception e) {
            throw new CacheWriterException("Exception in CacheWriter of cache " + name, e);
        }
    }

    private void delete(K key) {
        try {
            writer.delete(key);
        } catch (CacheWriterException e) {
            throw e;
        } catch (Exception e) {
            throw new CacheWriterException("Exception in CacheWriter of cache " + name, e);
        }
    }

    private CacheWriterException deleteAll(Collection<K> keys) {
        if (keys.isEmpty()) {
            return null;
        }
        try {
            writer.deleteAll(keys);
            return null;
        } catch (CacheWriterException e) {
            return e;
        } catch (Exception e) {
            return new CacheWriterException("Exception in CacheWriter of cache " + name, e);
        }
    }

    private byte[] redisKey(K key) {
        return store.layout().redisKey(codec.encode(key));
    }

    @SuppressWarnings("unchecked")
    private V decodeValue(byte[] raw) {
        return (V) codec.decode(raw);
    }

    @SuppressWarnings("unchecked")
    private K decodeKey(byte[] redisKey) {
        return (K) codec.decode(store.layout().encodedKey(redisKey));
    }

    private K decodeKeyOrSkip(byte[] redisKey) {
        try {
            return decodeKey(redisKey);
        } catch (CacheException e) {
            LOG.log(Level.WARNING, MSG_SKIPPED_ENTRY, new Object[] {name, e.getMessage()});
            return null;
        }
    }

    private RedisCacheEntryEvent<K, V> created(K key, V value) {
        return new RedisCacheEntryEvent<>(this, EventType.CREATED, key, value, null, false);
    }

    private RedisCacheEntryEvent<K, V> updated(K key, V value, V old) {
        return new RedisCacheEntryEvent<>(this, EventType.UPDATED, key, value, old, true);
    }

    private RedisCacheEntryEvent<K, V> removed(K key, V old) {
        return new RedisCacheEntryEvent<>(this, EventType.REMOVED, key, old, old, true);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(String.format(MSG_CLOSED, name));
        }
    }

    private void checkEntry(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Class<K> keyType = configuration.getKeyType();
        if (keyType != Object.class && !keyType.isInstance(key)) {
            throw new ClassCastException("Key " + key.getClass().getName() + " is not a " + keyType.getName());
        }
        checkValueType(value);
    }

    private void checkValueType(V value) {
        Class<V> valueType = configuration.getValueType();
        if (value != null && valueType != Object.class && !valueType.isInstance(value)) {
            throw new ClassCastException("Value " + value.getClass().getName() + " is not a " + valueType.getName());
        }
    }

    private static void requireNoNulls(Collection<?> keys) {
        Objects.requireNonNull(keys, "keys");
        for (Object key : keys) {
            Objects.requireNonNull(key, "keys contains null");
        }
    }
}
