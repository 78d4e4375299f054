package dev.devcycle.cache.interceptor;

import java.util.List;

import dev.devcycle.cache.CacheSettings;
import dev.devcycle.cache.NamedCache;

/**
 * A method's definition bound to the caches and settings of this application: everything an interceptor needs except
 * the arguments. {@code resultCache}/{@code putCache} and their settings are null when the method has no such
 * annotation.
 */
record CacheMethod(CacheMethodDefinition definition, NamedCache resultCache, CacheSettings resultSettings,
                   NamedCache putCache, CacheSettings putSettings, List<NamedCache> invalidated,
                   List<NamedCache> cleared) {
}
