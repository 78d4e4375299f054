package dev.devcycle.jcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.spi.CachingProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.testsupport.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * The provider against a redis-server of the test's own, on what the TCK does not look at: the key layout and plain
 * encoding in Redis, the deserialization allowlist, configuration without CDI, two instances ("servers") sharing
 * caches, and Redis failures. The sessionCache-1.0 pattern of issue 14 (String keys, ArrayList and byte[] values,
 * eternal expiry, replace as a compare-and-set loop, iteration while others remove) is exercised here.
 */
class RedisJCacheTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    private final List<CachingProvider> providers = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        providers.forEach(CachingProvider::close);
    }

    /** A cache manager as a separate server would have it: a provider of its own, configured by vendor properties. */
    private CacheManager server(String... extra) {
        RedisCachingProvider provider = new RedisCachingProvider();
        providers.add(provider);
        Properties properties = new Properties();
        properties.setProperty("redis.host", "127.0.0.1");
        properties.setProperty("redis.port", String.valueOf(redis.port()));
        properties.setProperty("cache.timeout", "1s");
        properties.setProperty("jcache.namespace", "app");
        for (int i = 0; i < extra.length; i += 2) {
            properties.setProperty(extra[i], extra[i + 1]);
        }
        return provider.getCacheManager(URI.create("urn:test"), getClass().getClassLoader(), properties);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Cache<String, ArrayList<Long>> listCache(CacheManager manager, String name) {
        MutableConfiguration config = new MutableConfiguration().setTypes(String.class, ArrayList.class)
                .setExpiryPolicyFactory(EternalExpiryPolicy.factoryOf());
        Cache cache = manager.getCache(name, String.class, ArrayList.class);
        return cache != null ? cache : manager.createCache(name, config);
    }

    @Test
    void serviceLoaderFindsTheProvider() {
        CachingProvider provider = Caching.getCachingProvider(getClass().getClassLoader());
        assertTrue(provider instanceof RedisCachingProvider, provider.getClass().getName());
    }

    @Test
    void keysAndValuesArePlainUnderTheDocumentedPrefix() {
        Cache<String, byte[]> cache = server().createCache("session attrs", new MutableConfiguration<String, byte[]>()
                .setTypes(String.class, byte[].class));
        byte[] attribute = new byte[100_000];
        Arrays.fill(attribute, (byte) 7);
        cache.put("abc", attribute);
        cache.put("n", "x".getBytes(StandardCharsets.UTF_8));
        try (Jedis raw = redis.jedis()) {
            byte[] stored = raw.get("jcache:app:session%20attrs:sabc".getBytes(StandardCharsets.UTF_8));
            assertEquals('b', stored[0]);
            assertArrayEquals(attribute, Arrays.copyOfRange(stored, 1, stored.length));
            assertEquals(-1, raw.pttl("jcache:app:session%20attrs:sabc"), "eternal entries have no TTL");
        }
        assertArrayEquals(attribute, cache.get("abc"));
    }

    @Test
    void aChangedCallerObjectNeverChangesTheCache() {
        Cache<String, ArrayList<Long>> cache = listCache(server(), "meta");
        ArrayList<Long> value = new ArrayList<>(List.of(1L, 2L));
        cache.put("s1", value);
        value.add(3L);
        ArrayList<Long> read = cache.get("s1");
        assertEquals(List.of(1L, 2L), read);
        read.add(4L);
        assertEquals(List.of(1L, 2L), cache.get("s1"));
    }

    @Test
    void replaceIsACompareAndSetByValueAcrossServers() throws Exception {
        Cache<String, ArrayList<Long>> a = listCache(server(), "meta");
        Cache<String, ArrayList<Long>> b = listCache(server(), "meta");
        a.put("counter", new ArrayList<>());
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Cache<String, ArrayList<Long>> cache = t % 2 == 0 ? a : b;
            long id = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    while (true) {
                        ArrayList<Long> old = cache.get("counter");
                        ArrayList<Long> next = new ArrayList<>(old);
                        next.add(id);
                        if (cache.replace("counter", old, next)) {
                            break;
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(4 * perThread, a.get("counter").size(), "no lost update");
        assertFalse(b.replace("counter", new ArrayList<>(List.of(99L)), new ArrayList<>()));
        assertFalse(b.replace("absent", new ArrayList<>(), new ArrayList<>()));
    }

    @Test
    void theIteratorSurvivesEntriesRemovedMeanwhile() {
        Cache<String, ArrayList<Long>> a = listCache(server(), "meta");
        Cache<String, ArrayList<Long>> b = listCache(server(), "meta");
        int n = 3000;
        for (int i = 0; i < n; i++) {
            a.put("s" + i, new ArrayList<>(List.of((long) i)));
        }
        Iterator<Cache.Entry<String, ArrayList<Long>>> it = a.iterator();
        Set<String> seen = new HashSet<>();
        assertTrue(it.hasNext());
        for (int i = 0; i < n; i += 2) {
            b.remove("s" + i);
        }
        while (it.hasNext()) {
            Cache.Entry<String, ArrayList<Long>> e = it.next();
            assertEquals(Long.parseLong(e.getKey().substring(1)), e.getValue().get(0));
            assertTrue(seen.add(e.getKey()), "each entry once");
        }
        for (int i = 1; i < n; i += 2) {
            assertTrue(seen.contains("s" + i), "every entry not removed is seen");
        }
        assertTrue(seen.size() < n, "entries removed before their page was read are skipped");
    }

    @Test
    void aSerializedClassOutsideTheAllowlistIsRejectedUnread() throws Exception {
        Cache<String, Object> cache = server().createCache("untyped", new MutableConfiguration<>());
        cache.put("ok", new ArrayList<>(List.of("JDK types pass")));
        assertEquals(List.of("JDK types pass"), cache.get("ok"));

        byte[] gadget = serialized(new Gadget());
        int constructed = GadgetBase.CONSTRUCTED.get();
        int readObjects = Gadget.READ_OBJECT_CALLS.get();
        try (Jedis raw = redis.jedis()) {
            raw.set("jcache:app:untyped:sevil".getBytes(StandardCharsets.UTF_8), gadget);
        }
        CacheException e = assertThrows(CacheException.class, () -> cache.get("evil"));
        assertTrue(e.getMessage().contains(Gadget.class.getName()), e.getMessage());
        assertEquals(constructed, GadgetBase.CONSTRUCTED.get(), "no Gadget was instantiated");
        assertEquals(readObjects, Gadget.READ_OBJECT_CALLS.get(), "Gadget.readObject never ran");

        // The allowlist is the gate: the same bytes are read once the class is allowed for that cache.
        Cache<String, Object> allowing = server("jcache.cache.untyped.serialization.allow", Gadget.class.getName())
                .createCache("untyped", new MutableConfiguration<>());
        assertTrue(allowing.get("evil") instanceof Gadget);
        assertEquals(readObjects + 1, Gadget.READ_OBJECT_CALLS.get());
    }

    @Test
    void javaTimeValuesAreReadBackThroughTheAllowlist() {
        // Serialized as java.time.Ser, resolved to the value's own class: the JDK's filter checks both.
        Cache<String, Object> cache = server().createCache("times", new MutableConfiguration<>());
        List<Object> values = List.of(java.time.Instant.ofEpochSecond(1_796_141_174L, 5),
                java.time.LocalDate.of(2026, 12, 1), java.time.Duration.ofMillis(1500),
                java.time.ZonedDateTime.of(2026, 12, 1, 17, 0, 0, 0, java.time.ZoneId.of("Europe/Berlin")),
                java.time.OffsetDateTime.of(2026, 12, 1, 17, 0, 0, 0, java.time.ZoneOffset.ofHours(2)));
        for (int i = 0; i < values.size(); i++) {
            cache.put("t" + i, values.get(i));
            assertEquals(values.get(i), cache.get("t" + i));
        }
    }

    @Test
    void listsAndSetsOfPlainValuesAreStoredCompactlyAndComeBackAsTheirClasses() throws Exception {
        Cache<String, Object> cache = server().createCache("compact", new MutableConfiguration<>());
        // Liberty's session meta entry: creation and access times, max inactive, listener flags, user, attribute names.
        ArrayList<Object> meta = new ArrayList<>(List.of(1796141174516L, 1796141175062L, 1800, (short) 0, "anonymous",
                new java.util.TreeSet<>(List.of("profile", "counter"))));
        cache.put("meta", meta);
        byte[] stored;
        try (Jedis raw = redis.jedis()) {
            stored = raw.get("jcache:app:compact:smeta".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals('a', stored[0]);
        assertEquals(71, stored.length, "bytes (321 as a Java serialization stream)");
        Object back = cache.get("meta");
        assertEquals(meta, back);
        List<?> list = (List<?>) back;
        assertEquals(ArrayList.class, list.getClass());
        assertEquals(List.of(Long.class, Long.class, Integer.class, Short.class, String.class, java.util.TreeSet.class),
                list.stream().map(Object::getClass).toList());
        assertTrue(cache.replace("meta", meta, new ArrayList<>(meta)), "compare-and-set by value on the compact bytes");

        // Nulls, nested lists and sets, byte arrays; anything else makes the whole value a Java serialization stream.
        ArrayList<Object> nested = new ArrayList<>(java.util.Arrays.asList(null, new HashSet<>(List.of(1, 2)),
                new ArrayList<>(List.of(new java.util.TreeSet<>(List.of("x"))))));
        cache.put("nested", nested);
        assertEquals(nested, cache.get("nested"));
        ArrayList<Object> other = new ArrayList<>(List.of("t", new java.util.LinkedList<>(List.of(1))));
        cache.put("other", other);
        try (Jedis raw = redis.jedis()) {
            assertEquals('j', raw.get("jcache:app:compact:sother".getBytes(StandardCharsets.UTF_8))[0]);
            // Another writer's bytes: a serialized element inside a compact list, a truncated element, a TreeSet of
            // values that do not compare: unreadable, never deserialized or half-read.
            byte[] gadget = serialized(new Gadget());
            int readObjects = Gadget.READ_OBJECT_CALLS.get();
            ByteArrayOutputStream inside = new ByteArrayOutputStream();
            inside.write('a');
            int prefix = gadget.length + 1;
            inside.write(new byte[] {(byte) (prefix & 0x7f | 0x80), (byte) (prefix >>> 7)}); // below 16384
            inside.write(gadget);
            raw.set("jcache:app:compact:sevil".getBytes(StandardCharsets.UTF_8), inside.toByteArray());
            raw.set("jcache:app:compact:struncated".getBytes(StandardCharsets.UTF_8), new byte[] {'a', 10, 's'});
            raw.set("jcache:app:compact:smixed".getBytes(StandardCharsets.UTF_8),
                    new byte[] {'e', 3, 's', 'x', 3, 'i', '1'});
            for (String key : List.of("evil", "truncated", "mixed")) {
                CacheException e = assertThrows(CacheException.class, () -> cache.get(key), key);
                assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
            }
            assertEquals(readObjects, Gadget.READ_OBJECT_CALLS.get(), "the serialized element was never read");
        }
        assertEquals(other, cache.get("other"));
    }

    private static byte[] serialized(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write('j');
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Test
    void aTypoOrAMalformedValueIsAnErrorNamingIt() {
        CacheException unknown = assertThrows(CacheException.class, () -> server("redis.hots", "x"));
        assertTrue(unknown.getMessage().contains("redis.hots"), unknown.getMessage());
        CacheException malformed = assertThrows(CacheException.class, () -> server("redis.port", "63 79"));
        assertTrue(malformed.getMessage().contains("REDIS_PORT"), malformed.getMessage());
        CacheException pattern = assertThrows(CacheException.class,
                () -> server("jcache.serialization.allow", "com.example.*;!*"));
        assertTrue(pattern.getMessage().contains("jcache.serialization.allow"), pattern.getMessage());
        RedisCachingProvider provider = new RedisCachingProvider();
        providers.add(provider);
        CacheException credentials = assertThrows(CacheException.class, () -> provider.getCacheManager(
                URI.create("redis://user:secret@127.0.0.1:" + redis.port()), null, new Properties()));
        assertFalse(credentials.getMessage().contains("secret"), credentials.getMessage());
        // Names outside the provider's namespaces belong to others (the server, the TCK) and are left alone.
        server("com.ibm.ws.some.setting", "1");
    }

    @Test
    void aRedisUriConfiguresTheManagerWithoutAnythingElse() {
        RedisCachingProvider provider = new RedisCachingProvider();
        providers.add(provider);
        CacheManager manager = provider.getCacheManager(URI.create("redis://127.0.0.1:" + redis.port()
                + "/3?jcache.namespace=uri-ns"), getClass().getClassLoader());
        Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class));
        cache.put("k", "v");
        try (Jedis raw = redis.jedis()) {
            raw.select(3);
            assertEquals("sv", raw.get("jcache:uri-ns:c:sk"));
        }
        assertSame(manager.unwrap(UnifiedJedis.class), cache.unwrap(UnifiedJedis.class));
        assertSame(manager, manager.unwrap(RedisCacheManager.class));
    }

    @Test
    void expiryIsRedisTtl() {
        CacheManager manager = server();
        Cache<String, String> created = manager.createCache("created", new MutableConfiguration<String, String>()
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 30))));
        created.put("k", "v");
        Cache<String, String> zero = manager.createCache("zero", new MutableConfiguration<String, String>()
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ZERO)));
        zero.put("k", "v");
        try (Jedis raw = redis.jedis()) {
            long ttl = raw.pttl("jcache:app:created:sk");
            assertTrue(ttl > 25_000 && ttl <= 30_000, "PTTL " + ttl);
            assertFalse(raw.exists("jcache:app:zero:sk"), "Duration.ZERO: expired at once, never stored");
        }
        assertNull(zero.get("k"));
    }

    @Test
    void aStoppedOrFrozenRedisIsACacheExceptionWithinTheBudget() {
        Cache<String, String> cache = server("cache.timeout", "300ms", "redis.retry.on.timeout", "false")
                .createCache("c", new MutableConfiguration<String, String>());
        cache.put("k", "v");
        redis.server().freeze();
        try {
            long start = System.nanoTime();
            CacheException frozen = assertThrows(CacheException.class, () -> cache.get("k"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 1500, "answered in " + millis + " ms, budget 300 ms");
            assertTrue(frozen.getMessage().contains("Redis failed during get on JCache cache 'c'"),
                    frozen.getMessage());
        } finally {
            redis.server().thaw();
        }
        redis.server().stop();
        CacheException down = assertThrows(CacheException.class, () -> cache.put("k", "w"));
        assertTrue(down.getMessage().contains("put"), down.getMessage());
    }
}
