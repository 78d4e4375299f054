package dev.devcycle.cache.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where one declarative cache keeps its data in Redis. For a rendered key {@code k} of cache {@code <name>} under
 * prefix {@code <prefix>}, with {@code K = <prefix><name>:<k>}:
 * <ul>
 * <li>{@code K}: the value, with its TTL ({@code null} results as JSON {@code null} when negative caching is on);</li>
 * <li>{@code K:\gen}: the key's generation, a random token replaced by each invalidation, kept
 * {@value #GENERATION_TTL_MINUTES} minutes;</li>
 * <li>{@code K:\lock}: the load lease of one instance ({@code SET NX PX}, as long as the lock-wait);</li>
 * <li>{@code <prefix><name>:\gen}: the cache's generation, replaced by each invalidate-all.</li>
 * </ul>
 * The {@code \} makes these names impossible as rendered keys ({@link CacheKeyRenderer} escapes it), so they never
 * collide with values.
 *
 * <p><b>Redis Cluster.</b> A script or MGET may only touch keys of one slot. The key's generation and lease are then
 * named {@code {K}:\gen} and {@code {K}:\lock} (the hash tag puts them in K's slot) unless K has a hash tag of its
 * own, and the scripts get the key's generation where they would check the cache's (which lives in another slot);
 * the cache's generation is then checked in Java, just before a store.
 */
final class CacheKeyLayout {

    static final String LEASE_SUFFIX = ":\\lock";
    static final String GENERATION_SUFFIX = ":\\gen";
    static final int GENERATION_TTL_MINUTES = 10;
    static final long GENERATION_TTL_MILLIS = TimeUnit.MINUTES.toMillis(GENERATION_TTL_MINUTES);

    private final String keyPrefix;
    private final String cacheGenerationKey;
    private final boolean cluster;

    CacheKeyLayout(String prefix, String name, boolean cluster) {
        this.keyPrefix = prefix + name + CacheKeyRenderer.SEPARATOR;
        this.cacheGenerationKey = prefix + name + GENERATION_SUFFIX;
        this.cluster = cluster;
    }

    /** {@code <prefix><name>:}, the prefix of every entry of the cache. */
    String keyPrefix() {
        return keyPrefix;
    }

    /** True for Redis Cluster, where multi-key commands and scripts must stay in one slot. */
    boolean cluster() {
        return cluster;
    }

    /** The Redis key of a rendered key. */
    String valueKey(String key) {
        return keyPrefix + key;
    }

    String generationKey(String valueKey) {
        return auxiliaryKey(valueKey, GENERATION_SUFFIX);
    }

    String leaseKey(String valueKey) {
        return auxiliaryKey(valueKey, LEASE_SUFFIX);
    }

    /** The cache-wide generation, replaced by an invalidate-all. */
    String cacheGenerationKey() {
        return cacheGenerationKey;
    }

    /** The cache generation as the scripts see it: in a cluster the key's own generation stands in (see above). */
    String scriptCacheGenerationKey(String valueKey) {
        return cluster ? generationKey(valueKey) : cacheGenerationKey;
    }

    /** The KEYS of the load and store scripts: value, key generation, cache generation (as the scripts see it), lease. */
    List<String> loadKeys(String valueKey) {
        return List.of(valueKey, generationKey(valueKey), scriptCacheGenerationKey(valueKey), leaseKey(valueKey));
    }

    private String auxiliaryKey(String valueKey, String suffix) {
        return cluster && !hasHashTag(valueKey) ? "{" + valueKey + "}" + suffix : valueKey + suffix;
    }

    /** Whether Redis Cluster hashes the key by a {tag} of its own (then K + suffix shares K's slot already). */
    static boolean hasHashTag(String key) {
        int open = key.indexOf('{');
        if (open < 0) {
            return false;
        }
        int close = key.indexOf('}', open + 1);
        return close > open + 1;
    }
}
