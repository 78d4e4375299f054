package dev.devcycle.cache.internal.interceptor;

import java.util.List;

import dev.devcycle.cache.internal.CacheSettings;
import dev.devcycle.cache.internal.ReadThroughCache;

/**
 * A method's definition bound to the caches and settings of this application: everything an interceptor needs except
 * the arguments. {@code resultCache}/{@code putCache} and their settings are null when the method has no such
 * annotation.
 */
record CacheMethod(CacheMethodDefinition definition, ReadThroughCache resultCache, CacheSettings resultSettings,
                   ReadThroughCache putCache, CacheSettings putSettings, List<ReadThroughCache> invalidated,
                   List<ReadThroughCache> cleared) {
}
