package dev.devcycle.jcache.internal.annotation;

import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A bean using every annotation and option, each method counting its runs. */
@ApplicationScoped
public class Catalog {

    /** Not found: the exception the lookups cache. */
    public static class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        public NotFound(String sku) {
            super("no product " + sku);
        }
    }

    /** A failure worth retrying, which the lookups never cache. */
    public static class Transient extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Transient(String message) {
            super(message);
        }
    }

    @Inject
    Executions executions;

    @CacheResult(cacheName = "prices")
    public Long price(String sku, int quantity) {
        executions.ran("price");
        return quantity * 100L + sku.length();
    }

    @CacheResult(cacheName = "names")
    public String name(@CacheKey String sku, String traceId) {
        executions.ran("name");
        return "name of " + sku + " (first asked by " + traceId + ")";
    }

    @CacheResult(cacheName = "missing")
    public String missing(String sku) {
        executions.ran("missing");
        return null;
    }

    @CacheResult(cacheName = "fresh", skipGet = true)
    public String fresh(String sku) {
        executions.ran("fresh");
        return sku + "#" + executions.of("fresh");
    }

    @CacheResult
    public String describe(String sku, int version) {
        executions.ran("describe");
        return sku + " v" + version;
    }

    @CacheResult(cacheName = "lookups", exceptionCacheName = "lookupFailures", cachedExceptions = NotFound.class)
    public String lookup(String sku) throws NotFound {
        executions.ran("lookup");
        if (sku.startsWith("missing")) {
            throw new NotFound(sku);
        }
        if (sku.startsWith("flaky")) {
            throw new IllegalStateException("flaky " + sku);
        }
        return "found " + sku;
    }

    @CacheResult(cacheName = "stock", exceptionCacheName = "stockFailures", nonCachedExceptions = Transient.class)
    public int stock(String sku) {
        executions.ran("stock");
        if (sku.startsWith("transient")) {
            throw new Transient(sku);
        }
        throw new UnsupportedOperationException("no stock for " + sku);
    }

    @CacheResult(cacheName = "plain")
    public String failing(String sku) {
        executions.ran("failing");
        throw new IllegalArgumentException(sku);
    }

    @CachePut(cacheName = "prices")
    public void updatePrice(String sku, int quantity, @CacheValue Long price) {
        executions.ran("updatePrice");
        if (sku.startsWith("fail")) {
            throw new IllegalStateException("update failed");
        }
    }

    @CachePut(cacheName = "prices", cacheFor = Transient.class)
    public void updatePriceDespite(String sku, int quantity, @CacheValue Long price) {
        executions.ran("updatePriceDespite");
        if (sku.startsWith("transient")) {
            throw new Transient("written anyway");
        }
        throw new IllegalStateException("not written");
    }

    @CachePut(cacheName = "prices", afterInvocation = false)
    public void updatePriceFirst(String sku, int quantity, @CacheValue Long price) {
        executions.ran("updatePriceFirst");
        throw new IllegalStateException("fails after the put");
    }

    @CacheRemove(cacheName = "prices")
    public void discontinue(String sku, int quantity) {
        executions.ran("discontinue");
        if (sku.startsWith("fail")) {
            throw new IllegalStateException("discontinue failed");
        }
    }

    @CacheRemove(cacheName = "prices", evictFor = Transient.class)
    public void discontinueDespite(String sku, int quantity) {
        throw new Transient("removed anyway");
    }

    @CacheRemove(cacheName = "prices", afterInvocation = false)
    public void discontinueFirst(String sku, int quantity) {
        throw new IllegalStateException("fails after the removal");
    }

    @CacheRemoveAll(cacheName = "prices")
    public void reprice(boolean fail) {
        executions.ran("reprice");
        if (fail) {
            throw new IllegalStateException("reprice failed");
        }
    }

    @CacheRemoveAll(cacheName = "prices", afterInvocation = false)
    public void repriceFirst() {
        throw new IllegalStateException("fails after the removal");
    }
}
