package dev.devcycle.jcache.internal.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.ServiceLoader;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import javax.cache.annotation.GeneratedCacheKey;
import javax.cache.spi.CachingProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;

import dev.devcycle.testsupport.RedisServerExtension;

/**
 * What happens at deployment and shutdown: annotations that cannot work fail the deployment naming the method, the
 * extension is registered for discovery, an application's own {@link CacheManager} bean is used, and the default
 * manager is closed with the application.
 */
class JCacheDeploymentTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @BeforeAll
    static void configureProvider() {
        JCacheContainer.configureProvider(REDIS);
    }

    @ApplicationScoped
    public static class TwoAnnotations {
        @CacheResult(cacheName = "a")
        @CacheRemove(cacheName = "a")
        public String both(String k) {
            return k;
        }
    }

    @ApplicationScoped
    public static class PutWithoutValue {
        @CachePut(cacheName = "a")
        public void put(String k, String v) {
        }
    }

    @ApplicationScoped
    public static class ValueOnResult {
        @CacheResult(cacheName = "a")
        public String get(String k, @CacheValue String v) {
            return v;
        }
    }

    @ApplicationScoped
    public static class KeyAndValue {
        @CachePut(cacheName = "a")
        public void put(String k, @CacheKey @CacheValue String v) {
        }
    }

    @ApplicationScoped
    public static class PrivateMethod {
        @CacheResult(cacheName = "a")
        private String get(String k) {
            return k;
        }

        public String call(String k) {
            return get(k);
        }
    }

    /** Neither a bean (not added to the container) nor constructible without arguments. */
    public static class NeedsArgument implements CacheKeyGenerator {
        public NeedsArgument(String prefix) {
        }

        @Override
        public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
            return new ParameterValuesKey();
        }
    }

    @ApplicationScoped
    public static class UnusableKeyGenerator {
        @CacheResult(cacheName = "a", cacheKeyGenerator = NeedsArgument.class)
        public String get(String k) {
            return k;
        }
    }

    @ApplicationScoped
    public static class Greeter {
        private int runs;

        @CacheResult(cacheName = "greetings")
        public String greet(String name) {
            runs++;
            return "hello " + name;
        }

        public int runs() {
            return runs;
        }
    }

    /** The application's own manager, which the default resolver factory must use instead of the default one. */
    @ApplicationScoped
    public static class ManagerProducer {
        static final URI URI_OF_APPLICATION = URI.create("devcycle-test:application-manager");

        @Produces
        @ApplicationScoped
        CacheManager manager() {
            CachingProvider provider = Caching.getCachingProvider();
            return provider.getCacheManager(URI_OF_APPLICATION, provider.getDefaultClassLoader());
        }

        void close(@Disposes CacheManager manager) {
            manager.close();
        }
    }

    @Test
    void twoCachingAnnotationsOnOneMethodFailTheDeployment() {
        assertDefinitionError(TwoAnnotations.class, "TwoAnnotations.both(String)", "only one of");
    }

    @Test
    void putWithoutCacheValueFailsTheDeployment() {
        assertDefinitionError(PutWithoutValue.class, "PutWithoutValue.put(String, String)", "@CacheValue");
    }

    @Test
    void cacheValueOutsideAPutFailsTheDeployment() {
        assertDefinitionError(ValueOnResult.class, "ValueOnResult.get(String, String)", "@CachePut method only");
    }

    @Test
    void aParameterThatIsKeyAndValueFailsTheDeployment() {
        assertDefinitionError(KeyAndValue.class, "KeyAndValue.put(String, String)", "both @CacheKey and @CacheValue");
    }

    @Test
    void aPrivateAnnotatedMethodFailsTheDeployment() {
        assertDefinitionError(PrivateMethod.class, "PrivateMethod.get(String)", "never intercepted");
    }

    @Test
    void aKeyGeneratorThatCannotBeMadeFailsTheDeployment() {
        assertDefinitionError(UnusableKeyGenerator.class, NeedsArgument.class.getName(),
                "public no-argument constructor");
    }

    @Test
    void theExtensionIsRegisteredForDiscovery() {
        assertTrue(ServiceLoader.load(Extension.class).stream()
                .anyMatch(p -> p.type() == JCacheAnnotationExtension.class),
                "META-INF/services/jakarta.enterprise.inject.spi.Extension lists JCacheAnnotationExtension");
    }

    @Test
    void theDefaultManagerIsClosedWithTheApplication() {
        CacheManager manager;
        try (JCacheContainer container = JCacheContainer.start(Greeter.class)) {
            Greeter greeter = container.bean(Greeter.class);
            greeter.greet("ann");
            greeter.greet("ann");
            assertEquals(1, greeter.runs());
            manager = Caching.getCachingProvider().getCacheManager();
            assertNotNull(manager.getCache("greetings"));
        }
        assertTrue(manager.isClosed(), "the default manager the annotations used is closed at shutdown");
    }

    @Test
    void anApplicationCacheManagerBeanIsUsedAndLeftToItsOwner() {
        CachingProvider provider = Caching.getCachingProvider();
        try (JCacheContainer container = JCacheContainer.start(Greeter.class, ManagerProducer.class)) {
            Greeter greeter = container.bean(Greeter.class);
            greeter.greet("bob");
            greeter.greet("bob");
            assertEquals(1, greeter.runs());
            CacheManager application = provider.getCacheManager(ManagerProducer.URI_OF_APPLICATION,
                    provider.getDefaultClassLoader());
            assertEquals("hello bob", application.getCache("greetings").get(new ParameterValuesKey("bob")));
            assertNull(provider.getCacheManager().getCache("greetings"), "not in the default manager");
            assertFalse(application.isClosed());
        }
    }

    private static void assertDefinitionError(Class<?> bean, String... inMessage) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> JCacheContainer.start(bean).close());
        assertTrue(e instanceof DefinitionException || e instanceof DeploymentException, e::toString);
        String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause());
        for (String part : inMessage) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }
}
