package dev.devcycle.cache.internal;

import java.lang.reflect.Type;
import java.util.List;

/**
 * The {@code @CacheResult} methods of the application, by cache name, as found when it deployed: what binds a
 * {@code DeclarativeCache} handle's TTLs and value type to those of its cache's method.
 */
public interface CacheDeclarations {

    /** The {@code @CacheResult} methods of a cache; empty when none declares it. */
    List<Declaration> of(String cacheName);

    /**
     * One {@code @CacheResult} method.
     *
     * @param method      the method, for messages
     * @param ttl         its {@code ttl} text, empty for none
     * @param negativeTtl its {@code negativeTtl} text, empty for none
     * @param valueType   the type its cached values are read as
     */
    record Declaration(String method, String ttl, String negativeTtl, Type valueType) {
    }
}
