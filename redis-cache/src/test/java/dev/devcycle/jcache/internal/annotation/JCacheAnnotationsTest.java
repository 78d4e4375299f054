package dev.devcycle.jcache.internal.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.interceptor.InvocationContext;

import dev.devcycle.testsupport.RedisServerExtension;

/**
 * The JSR-107 annotations on Weld: every annotation and option of the specification, proven by counting method runs
 * and by reading the caches through the JCache API.
 */
class JCacheAnnotationsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static JCacheContainer container;
    private static Catalog catalog;
    private static Shelf shelf;
    private static Executions executions;

    private CacheManager manager;

    @BeforeAll
    static void start() {
        JCacheContainer.configureProvider(REDIS);
        container = JCacheContainer.start(Executions.class, Catalog.class, Shelf.class,
                Tenancy.TenantResolverFactory.class, Tenancy.SecondParameterKeyGenerator.class, Tenancy.Accounts.class);
        catalog = container.bean(Catalog.class);
        shelf = container.bean(Shelf.class);
        executions = container.bean(Executions.class);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @BeforeEach
    void emptyCaches() {
        manager = Caching.getCachingProvider().getCacheManager();
        for (String name : manager.getCacheNames()) {
            manager.getCache(name).removeAll();
        }
    }

    @Test
    void resultIsCachedUnderAllParameters() {
        int before = executions.of("price");
        assertEquals(201L, catalog.price("a", 2));
        assertEquals(201L, catalog.price("a", 2));
        assertEquals(before + 1, executions.of("price"), "the second call is a hit");
        assertEquals(301L, catalog.price("a", 3));
        assertEquals(before + 2, executions.of("price"), "another quantity is another key");
        assertEquals(201L, manager.getCache("prices").get(new ParameterValuesKey("a", 2)),
                "stored under the generated key of both parameters");
    }

    @Test
    void cacheKeyParametersAloneMakeTheKey() {
        int before = executions.of("name");
        String first = catalog.name("sku-1", "trace-1");
        assertEquals(first, catalog.name("sku-1", "trace-2"));
        assertEquals(before + 1, executions.of("name"));
        assertEquals(first, manager.getCache("names").get(new ParameterValuesKey("sku-1")));
    }

    @Test
    void nullIsNeverCached() {
        int before = executions.of("missing");
        assertNull(catalog.missing("x"));
        assertNull(catalog.missing("x"));
        assertEquals(before + 2, executions.of("missing"));
    }

    @Test
    void skipGetAlwaysRunsAndStillStores() {
        int before = executions.of("fresh");
        catalog.fresh("s");
        String second = catalog.fresh("s");
        assertEquals(before + 2, executions.of("fresh"));
        assertEquals(second, manager.getCache("fresh").get(new ParameterValuesKey("s")));
    }

    @Test
    void defaultCacheNameIsClassMethodAndParameterTypes() {
        catalog.describe("d", 1);
        catalog.describe("d", 1);
        Cache<Object, Object> generated = manager.getCache(
                "dev.devcycle.jcache.internal.annotation.Catalog.describe(java.lang.String,int)");
        assertNotNull(generated, "cache of the generated name; caches: " + manager.getCacheNames());
        assertEquals("d v1", generated.get(new ParameterValuesKey("d", 1)));
    }

    @Test
    void selectedExceptionsAreCachedAndRethrown() {
        int before = executions.of("lookup");
        Catalog.NotFound first = assertThrows(Catalog.NotFound.class, () -> catalog.lookup("missing-1"));
        Catalog.NotFound second = assertThrows(Catalog.NotFound.class, () -> catalog.lookup("missing-1"));
        assertEquals(before + 1, executions.of("lookup"), "the second call threw the cached exception");
        assertEquals(first.getMessage(), second.getMessage());
        assertInstanceOf(Catalog.NotFound.class, manager.getCache("lookupFailures")
                .get(new ParameterValuesKey("missing-1")));

        assertThrows(IllegalStateException.class, () -> catalog.lookup("flaky-1"));
        assertThrows(IllegalStateException.class, () -> catalog.lookup("flaky-1"));
        assertEquals(before + 3, executions.of("lookup"), "an exception outside cachedExceptions is not cached");
        assertNull(manager.getCache("lookupFailures").get(new ParameterValuesKey("flaky-1")));
    }

    @Test
    void nonCachedExceptionsAreNotCached() throws Exception {
        int before = executions.of("stock");
        assertThrows(Catalog.Transient.class, () -> catalog.stock("transient-1"));
        assertThrows(Catalog.Transient.class, () -> catalog.stock("transient-1"));
        assertEquals(before + 2, executions.of("stock"));
        assertThrows(UnsupportedOperationException.class, () -> catalog.stock("other-1"));
        assertThrows(UnsupportedOperationException.class, () -> catalog.stock("other-1"));
        assertEquals(before + 3, executions.of("stock"), "every other exception is cached");
    }

    @Test
    void withoutAnExceptionCacheExceptionsAreNeverCached() {
        int before = executions.of("failing");
        assertThrows(IllegalArgumentException.class, () -> catalog.failing("f"));
        assertThrows(IllegalArgumentException.class, () -> catalog.failing("f"));
        assertEquals(before + 2, executions.of("failing"));
    }

    @Test
    void putStoresTheCacheValueUnderTheOtherParameters() {
        catalog.updatePrice("p", 5, 999L);
        int before = executions.of("price");
        assertEquals(999L, catalog.price("p", 5), "the put value is what the @CacheResult method now returns");
        assertEquals(before, executions.of("price"));
    }

    @Test
    void putAfterAnExceptionOnlyWhenCacheForSelectsIt() {
        assertThrows(IllegalStateException.class, () -> catalog.updatePrice("fail-1", 1, 5L));
        assertNull(manager.getCache("prices").get(new ParameterValuesKey("fail-1", 1)), "no put after a failure");
        assertThrows(Catalog.Transient.class, () -> catalog.updatePriceDespite("transient-2", 1, 6L));
        assertEquals(6L, manager.getCache("prices").get(new ParameterValuesKey("transient-2", 1)));
        assertThrows(IllegalStateException.class, () -> catalog.updatePriceDespite("other-2", 1, 7L));
        assertNull(manager.getCache("prices").get(new ParameterValuesKey("other-2", 1)));
    }

    @Test
    void putBeforeInvocationHappensWhateverTheMethodDoes() {
        assertThrows(IllegalStateException.class, () -> catalog.updatePriceFirst("first", 1, 8L));
        assertEquals(8L, manager.getCache("prices").get(new ParameterValuesKey("first", 1)));
    }

    @Test
    void putOfNullRemovesTheKey() {
        catalog.updatePrice("n", 1, 10L);
        catalog.updatePrice("n", 1, null);
        assertFalse(manager.getCache("prices").containsKey(new ParameterValuesKey("n", 1)));
    }

    @Test
    void removeAfterInvocationOnlyOnSuccessOrSelectedExceptions() {
        catalog.price("r", 1);
        Cache<Object, Object> prices = manager.getCache("prices");
        catalog.discontinue("r", 1);
        assertFalse(prices.containsKey(new ParameterValuesKey("r", 1)));

        catalog.price("fail-r", 1);
        assertThrows(IllegalStateException.class, () -> catalog.discontinue("fail-r", 1));
        assertTrue(prices.containsKey(new ParameterValuesKey("fail-r", 1)), "kept after the method failed");

        catalog.price("t", 1);
        assertThrows(Catalog.Transient.class, () -> catalog.discontinueDespite("t", 1));
        assertFalse(prices.containsKey(new ParameterValuesKey("t", 1)), "evictFor selects the exception");

        catalog.price("b", 1);
        assertThrows(IllegalStateException.class, () -> catalog.discontinueFirst("b", 1));
        assertFalse(prices.containsKey(new ParameterValuesKey("b", 1)), "removed before the invocation");
    }

    @Test
    void removeAllEmptiesTheCacheAfterSuccessOrBeforeInvocation() {
        catalog.price("x", 1);
        Cache<Object, Object> prices = manager.getCache("prices");
        assertThrows(IllegalStateException.class, () -> catalog.reprice(true));
        assertTrue(prices.iterator().hasNext(), "kept after the method failed");
        catalog.reprice(false);
        assertFalse(prices.iterator().hasNext());

        catalog.price("y", 1);
        assertThrows(IllegalStateException.class, () -> catalog.repriceFirst());
        assertFalse(prices.iterator().hasNext());
    }

    @Test
    void classLevelAnnotationAndCacheDefaultsApplyToMethodsWithoutTheirOwn() {
        int before = executions.of("label");
        assertEquals("label AB", shelf.label("AB"));
        assertEquals("label AB", shelf.label("ab"), "the defaults' key generator ignores case");
        assertEquals(before + 1, executions.of("label"));
        Cache<Object, Object> cache = manager.getCache("shelf");
        assertEquals("label AB", cache.get(new ParameterValuesKey("ab")));

        shelf.relabel("AB");
        assertFalse(cache.containsKey(new ParameterValuesKey("ab")), "the method's own @CacheRemove overrides");
        int toStrings = executions.of("toString");
        shelf.toString();
        shelf.toString();
        assertEquals(toStrings + 2, executions.of("toString"), "Object's methods are not cached");
    }

    @Test
    void resolverFactoryAndKeyGeneratorBeansAreUsedAndTheFactoryIsAskedOncePerMethod() throws Exception {
        Tenancy.Accounts accounts = container.bean(Tenancy.Accounts.class);
        Tenancy.TenantResolverFactory factory = container.bean(Tenancy.TenantResolverFactory.class);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String tenant = i % 2 == 0 ? "acme" : "globex";
                Callable<Long> call = () -> {
                    go.await();
                    return accounts.balance(tenant, "acc-1");
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            for (Future<Long> result : results) {
                assertNotNull(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, factory.resolversMade(), "one resolver for the method, whatever the concurrency");
        assertEquals(("acme" + "acc-1").hashCode(), ((Long) manager.getCache("balances-acme")
                .get(new ParameterValuesKey("acc-1"))).intValue(), "the tenant's own cache, the key generator's key");
        assertNotNull(manager.getCache("balances-globex").get(new ParameterValuesKey("acc-1")));
        assertTrue(executions.of("keyGenerator") >= 8, "the key generator bean made every key");

        CacheInvocationContext<?> context = factory.contexts().get(0);
        assertInstanceOf(CacheResult.class, context.getCacheAnnotation());
        assertEquals("balances", context.getCacheName());
        assertEquals("balance", context.getMethod().getName());
        assertNotNull(context.getTarget());
        assertEquals(2, context.getAllParameters().length);
        assertNotSame(context.getAllParameters(), context.getAllParameters(), "a copy each time");
        assertNotNull(context.unwrap(InvocationContext.class), "the container's own invocation is reachable");
        assertThrows(IllegalArgumentException.class, () -> context.unwrap(String.class));
    }

    @Test
    void aDestroyedCacheIsCreatedAgainOnTheNextCall() {
        catalog.price("z", 1);
        manager.destroyCache("prices");
        int before = executions.of("price");
        catalog.price("z", 1);
        catalog.price("z", 1);
        assertEquals(before + 1, executions.of("price"));
        Cache<Object, Object> again = manager.getCache("prices");
        assertNotNull(again);
        assertSame(again, manager.getCache("prices"));
        assertEquals(101L, again.get(new ParameterValuesKey("z", 1)));
    }
}
