package dev.devcycle.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.RedisServerExtension;

/**
 * EXPIRED events for entries Redis expires by their TTL, from the server's keyspace notifications (this server is
 * started with {@code notify-keyspace-events Ex}, as an operator would set it): the key arrives, the value cannot, so
 * only listeners that do not require old values get the event.
 */
class RedisExpiryEventsTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension("--notify-keyspace-events", "Ex");

    static final List<CacheEntryEvent<?, ?>> KEY_ONLY = new CopyOnWriteArrayList<>();
    static final List<CacheEntryEvent<?, ?>> WITH_OLD_VALUES = new CopyOnWriteArrayList<>();

    private final RedisCachingProvider provider = new RedisCachingProvider();

    /** Records the EXPIRED events it gets. */
    public static final class Recorder implements CacheEntryExpiredListener<String, String>, Serializable {
        private static final long serialVersionUID = 1L;
        private final boolean oldValues;

        public Recorder(boolean oldValues) {
            this.oldValues = oldValues;
        }

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            for (CacheEntryEvent<? extends String, ? extends String> e : events) {
                (oldValues ? WITH_OLD_VALUES : KEY_ONLY).add(e);
            }
        }
    }

    @AfterEach
    void close() {
        provider.close();
        KEY_ONLY.clear();
        WITH_OLD_VALUES.clear();
    }

    @Test
    void anEntryRedisExpiresGivesAnExpiredEventWithItsKey() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("redis.port", String.valueOf(redis.port()));
        properties.setProperty("cache.timeout", "1s");
        CacheManager manager = provider.getCacheManager(URI.create("urn:expiry"), getClass().getClassLoader(),
                properties);
        MutableConfiguration<String, String> config = new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 300)))
                .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(new Recorder(false)), null, false, true))
                .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(new Recorder(true)), null, true, true));
        Cache<String, String> cache = manager.createCache("sessions", config);
        Cache<String, String> other = manager.createCache("other", new MutableConfiguration<String, String>()
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 300))));
        Thread.sleep(200); // the subscription is made in the background
        cache.put("s1", "v1");
        other.put("s2", "v2");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (KEY_ONLY.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, KEY_ONLY.size(), "one EXPIRED event, for this cache's entry only");
        CacheEntryEvent<?, ?> event = KEY_ONLY.get(0);
        assertEquals(EventType.EXPIRED, event.getEventType());
        assertEquals("s1", event.getKey());
        assertFalse(event.isOldValueAvailable());
        assertNull(event.getValue());
        assertTrue(WITH_OLD_VALUES.isEmpty(), "a listener requiring old values is not given a value-less event");
        assertNull(cache.get("s1"));
    }
}
