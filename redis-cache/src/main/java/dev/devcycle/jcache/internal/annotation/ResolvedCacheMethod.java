package dev.devcycle.jcache.internal.annotation;

import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheResolver;

/**
 * An annotated method with what its calls need, resolved on its first call and kept: the resolver of its cache (and
 * of its exception cache), its key generator (none for {@code @CacheRemoveAll}) and its exception rule.
 */
record ResolvedCacheMethod(CacheMethodDescriptor<?> descriptor, CacheResolver resolver,
                           CacheResolver exceptionResolver, CacheKeyGenerator keyGenerator,
                           ThrowableFilter exceptionFilter) {
}
