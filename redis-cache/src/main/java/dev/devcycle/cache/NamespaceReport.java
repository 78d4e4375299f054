package dev.devcycle.cache;

import java.util.Optional;

/**
 * What {@link RedisCache#report()} found: facts from Redis about the namespace and the server (read now), with this
 * instance's counters. When Redis cannot be reached, {@code redisConnected} is false, the Redis facts are empty or
 * zero and {@code error} says why.
 *
 * @param namespace        the cache's key prefix
 * @param redisConnected   whether Redis answered
 * @param totalKeys        keys in the namespace (SCAN, every primary in a cluster)
 * @param redisVersion     the server's version, {@code unknown} when not reported
 * @param usedMemory       the server's {@code used_memory_human}, {@code unknown} when not reported
 * @param connectedClients the server's connected clients
 * @param error            why Redis could not be read, when it could not
 * @param hits             this instance's lookups of the namespace that found a value, since start
 * @param misses           this instance's lookups that found nothing
 * @param errors           this instance's operations that failed for Redis
 * @param hitRatio         hits over lookups, 0.0 before the first
 */
public record NamespaceReport(String namespace, boolean redisConnected, long totalKeys, String redisVersion,
                              String usedMemory, long connectedClients, Optional<String> error, long hits,
                              long misses, long errors, double hitRatio) {
}
