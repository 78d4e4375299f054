package dev.devcycle.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.RedisServerExtension;

/**
 * The provider where a Liberty server-level shared library has it (issue 14): no CDI, no MicroProfile Config. A class
 * loader of the module's classes, the JCache API and Jedis only, under the platform class loader, so neither the
 * MicroProfile Config API nor any implementation is visible; the provider is found by ServiceLoader there and
 * configured by vendor properties.
 */
class WithoutMicroProfileTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    /** Runs inside the isolated class loader. */
    public static final class Probe {
        public static String run(int port) {
            if (MicroProfileConfigLookup.available()) {
                throw new IllegalStateException("MicroProfile Config is visible: the test proves nothing");
            }
            CachingProvider provider = Caching.getCachingProvider(Probe.class.getClassLoader());
            Properties properties = new Properties();
            properties.setProperty("redis.port", String.valueOf(port));
            properties.setProperty("cache.timeout", "1s");
            try {
                CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), Probe.class.getClassLoader(),
                        properties);
                Cache<String, String> cache = manager.createCache("isolated", new MutableConfiguration<String,
                        String>().setTypes(String.class, String.class));
                cache.put("k", "v");
                return provider.getClass().getName() + ":" + cache.get("k");
            } finally {
                provider.close();
            }
        }

        public static void unknownProperty(int port) {
            CachingProvider provider = Caching.getCachingProvider(Probe.class.getClassLoader());
            Properties properties = new Properties();
            properties.setProperty("redis.port", String.valueOf(port));
            properties.setProperty("jcache.namespce", "typo");
            provider.getCacheManager(provider.getDefaultURI(), Probe.class.getClassLoader(), properties);
        }
    }

    @Test
    void worksWithoutMicroProfileConfigConfiguredByVendorProperties() throws Exception {
        try (URLClassLoader isolated = isolated()) {
            Method run = isolated.loadClass(Probe.class.getName()).getMethod("run", int.class);
            assertEquals(RedisCachingProvider.class.getName() + ":v", run.invoke(null, redis.port()));

            Method unknown = isolated.loadClass(Probe.class.getName()).getMethod("unknownProperty", int.class);
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> unknown.invoke(null, redis.port()));
            assertEquals("javax.cache.CacheException", e.getCause().getClass().getSuperclass().getName());
            assertEquals(true, e.getCause().getMessage().contains("jcache.namespce"), e.getCause().getMessage());
        }
    }

    /** The module's classes, the test classes (for Probe), the JCache API, Jedis and its dependencies: nothing else. */
    private static URLClassLoader isolated() throws Exception {
        Set<URL> urls = new LinkedHashSet<>();
        for (String anchor : List.of("dev.devcycle.jcache.RedisCachingProvider", Probe.class.getName(),
                "javax.cache.Caching", "redis.clients.jedis.UnifiedJedis",
                "org.apache.commons.pool2.impl.GenericObjectPool", "org.slf4j.LoggerFactory",
                "com.google.gson.Gson", "org.json.JSONObject")) {
            try {
                Class<?> c = Class.forName(anchor, false, WithoutMicroProfileTest.class.getClassLoader());
                urls.add(c.getProtectionDomain().getCodeSource().getLocation());
            } catch (ClassNotFoundException e) {
                // Not a dependency of this Jedis version.
            }
        }
        List<URL> list = new ArrayList<>(urls);
        return new URLClassLoader(list.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
