package dev.devcycle.cache.internal;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A load across instances: one instance takes the key's lease in Redis ({@code <key>:\lock}, {@code SET NX PX}) and
 * loads; the others poll for the value it stores, until the lock-wait has passed, then load themselves. Whoever
 * loads stores under the generations read before the loader ran ({@link CacheScripts#STORE}), so an invalidation in
 * between is never undone, and gives the lease back.
 *
 * <p>A per-key generation expires; a load taking longer than half its lifetime does not store, so an expired
 * generation cannot be mistaken for an unchanged one.
 */
final class LoadLease {

    /** A load slower than this stores nothing: its key generation may have expired meanwhile. */
    static final long MAX_STORING_LOAD_NANOS = TimeUnit.MILLISECONDS.toNanos(CacheKeyLayout.GENERATION_TTL_MILLIS / 2);

    /** Generations read and lease taken at the start of a load. */
    record Ticket(boolean found, String value, String keyGeneration, String cacheGeneration, boolean leased) {
    }

    private final CacheContext cache;

    LoadLease(CacheContext cache) {
        this.cache = cache;
    }

    /**
     * The load of one caller: take the lease or wait (until the deadline) for the instance holding it to store the
     * value; then call the loader and store its value under the generations read before the call.
     *
     * @param redisFailed Redis just failed this caller's GET: load without spending more timeouts on it
     */
    @SuppressWarnings("unchecked")
    <T> T load(String redisKey, Type type, CacheSettings settings, CacheLoader<T> loader, boolean redisFailed,
               long deadline) throws Exception {
        if (redisFailed) {
            return cache.timed(loader);
        }
        String token = newToken();
        boolean waited = false;
        while (true) {
            long started = System.nanoTime();
            Ticket ticket = begin(redisKey, token, settings);
            if (ticket == null) {
                return cache.timed(loader);
            }
            if (ticket.found) {
                Read found = cache.decode(redisKey, ticket.value, type, settings);
                if (found.hit()) {
                    if (waited) {
                        cache.counters().suppressedLoad();
                    }
                    return (T) found.value();
                }
                // Present but unusable (undecodable, or a negative entry this method does not accept): replace it.
                return loadAndStore(redisKey, ticket, "", settings, loader, started);
            }
            if (ticket.leased || System.nanoTime() - deadline >= 0) {
                return loadAndStore(redisKey, ticket, ticket.leased ? token : "", settings, loader, started);
            }
            waited = true;
            try {
                Thread.sleep(pollMillis(settings));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return loadAndStore(redisKey, ticket, "", settings, loader, started);
            }
        }
    }

    private <T> T loadAndStore(String redisKey, Ticket ticket, String token, CacheSettings settings,
                               CacheLoader<T> loader, long started) throws Exception {
        T value;
        try {
            value = cache.timed(loader);
        } catch (Throwable e) {
            release(redisKey, ticket, token);
            throw e;
        }
        store(redisKey, ticket, token, value, settings, started);
        return value;
    }

    /**
     * Reads the value and both generations and, when the value is absent and a token is given, tries the lease.
     *
     * @return the ticket, or {@code null} when Redis failed
     */
    Ticket begin(String redisKey, String token, CacheSettings settings) {
        CacheKeyLayout keys = cache.keys();
        // In a cluster the cache generation is read first, so an invalidate-all after it is seen at store time.
        String clusterCacheGeneration = keys.cluster() ? clusterCacheGeneration() : null;
        if (keys.cluster() && clusterCacheGeneration == null) {
            return null;
        }
        Object reply = cache.calls().quietly("begin-load", () -> CacheScripts.BEGIN_LOAD.run(cache.redis(),
                keys.loadKeys(redisKey), List.of(token, Long.toString(Math.max(1, settings.lockWait().toMillis())))));
        if (!(reply instanceof List<?> list) || list.size() < 5) {
            return null;
        }
        return new Ticket(asLong(list.get(0)) == 1, asString(list.get(1)), asString(list.get(2)),
                keys.cluster() ? clusterCacheGeneration : asString(list.get(3)), asLong(list.get(4)) == 1);
    }

    /** Stores the loaded value if neither generation of the ticket changed, and gives the lease back. */
    void store(String redisKey, Ticket ticket, String token, Object value, CacheSettings settings, long started) {
        String encoded = cache.encode(redisKey, value, settings);
        if (encoded == null || System.nanoTime() - started > MAX_STORING_LOAD_NANOS) {
            release(redisKey, ticket, token);
            return;
        }
        CacheKeyLayout keys = cache.keys();
        if (keys.cluster() && !ticket.cacheGeneration.equals(clusterCacheGeneration())) {
            // An invalidate-all (or a Redis failure) since the load began: store nothing.
            release(redisKey, ticket, token);
            return;
        }
        long ttl = CacheContext.ttlMillis(value, settings);
        String scriptCacheGeneration = keys.cluster() ? ticket.keyGeneration : ticket.cacheGeneration;
        cache.calls().quietly("store", () -> CacheScripts.STORE.run(cache.redis(), keys.loadKeys(redisKey),
                List.of(ticket.keyGeneration, scriptCacheGeneration, encoded, Long.toString(ttl), token)));
    }

    /** Gives the lease back, if the ticket holds it. */
    void release(String redisKey, Ticket ticket, String token) {
        if (ticket != null && ticket.leased && !token.isEmpty()) {
            cache.calls().quietly("release", () -> CacheScripts.RELEASE.run(cache.redis(),
                    List.of(cache.keys().leaseKey(redisKey)), List.of(token)));
        }
    }

    /** The cache generation read outside the scripts (cluster mode), or null when Redis fails. */
    String clusterCacheGeneration() {
        return cache.calls().quietly("cache-generation",
                () -> orEmpty(cache.redis().get(cache.keys().cacheGenerationKey())));
    }

    static long deadline(CacheSettings settings) {
        return System.nanoTime() + settings.lockWait().toNanos();
    }

    private static long pollMillis(CacheSettings settings) {
        return Math.max(5, Math.min(50, settings.lockWait().toMillis() / 20));
    }

    /** A random token: a lease's owner, a new generation. */
    static String newToken() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static long asLong(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }

    private static String asString(Object o) {
        if (o instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return o == null ? "" : o.toString();
    }
}
