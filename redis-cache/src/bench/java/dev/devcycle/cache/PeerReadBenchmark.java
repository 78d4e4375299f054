package dev.devcycle.cache;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.redisson.Redisson;
import org.redisson.api.RBucket;
import org.redisson.api.RClientSideCaching;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.ClientSideCachingOptions;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.client.codec.Codec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;
import org.redisson.codec.TypedJsonJacksonCodec;
import org.redisson.config.Config;
import org.redisson.config.Protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import dev.devcycle.cache.ReadWorkload.Load;

/**
 * The peers of {@link ReadPathBenchmark}: the same keys, the same stored bytes ({@link ReadWorkload}), the same
 * decode target (the {@link Load} record), one thread, read through Redisson 4 (bench profile only).
 *
 * <ul>
 *   <li>{@link #redissonBucketGet}: {@code RBucket.get} — a GET and a Jackson decode, the remote peer of
 *       {@code RedisCache.get}.</li>
 *   <li>{@link #redissonLocalCachedMapHit}: {@code RLocalCachedMap.get}, warmed so every get is a local hit.</li>
 *   <li>{@link #redissonClientSideCachingHit}: {@code RClientSideCaching} (RESP3, CLIENT TRACKING), warmed likewise.</li>
 * </ul>
 *
 * <p><b>Codec.</b> The values are JSON written by other services (ours, the seed's Python ones), so Redisson's default
 * codec (a binary one) cannot read them; a Redisson user reading such keys as a type picks
 * {@link TypedJsonJacksonCodec} with the type and an {@link ObjectMapper} of the same naming (snake_case). That decodes
 * on Redisson's Netty thread, as every Redisson codec does; the caller gets the record.
 *
 * <p><b>Configuration.</b> One client per trial, single server, a pool of 4 connections (ours has 4), everything else
 * Redisson's default. The local caches use Redisson's defaults too: unbounded, no eviction policy, no TTL — its
 * cheapest hit path (a bounded LRU/LFU map does more work per hit), so the comparison is conservative for us. The
 * map additionally keeps its keys as objects ({@code useObjectAsCacheKey}), which spares the default's encode-and-hash
 * of the key on every get. Bucket handles are made once per key, as a caller holding them would; making one per call
 * would only add to Redisson's cost.
 *
 * <p><b>Local hits, proved.</b> Each local variant counts Redis' read commands ({@code INFO commandstats}) from the
 * end of its warm-up to the end of the trial and fails the trial unless none reached Redis.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PeerReadBenchmark {

    static final int KEYS = ReadWorkload.KEYS;

    private ReadWorkload.Server server;
    private RedissonClient redisson;
    private RClientSideCaching clientSideCaching;
    private RBucket<Load>[] buckets;
    private RLocalCachedMap<String, Load> map;
    private RedisCommandCounts beforeMeasurement;
    private String variant;
    private final String[] keys = ReadWorkload.keys();
    private int next;

    /** Jackson as a Redisson user configures it for these values: snake_case property names, into the record. */
    static ObjectMapper mapper() {
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void start(BenchmarkParams params) throws Exception {
        variant = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        server = ReadWorkload.Server.start();
        Config config = new Config();
        config.useSingleServer()
                .setAddress("redis://" + server.host() + ":" + server.port())
                .setConnectionPoolSize(4)
                .setConnectionMinimumIdleSize(4);
        // Client-side caching needs RESP3 (invalidations are pushed on the data connections); the others keep
        // Redisson's default protocol, RESP2.
        if (variant.equals("redissonClientSideCachingHit")) {
            config.setProtocol(Protocol.RESP3);
        }
        redisson = Redisson.create(config);
        Codec json = new TypedJsonJacksonCodec(Load.class, mapper());
        buckets = new RBucket[KEYS];
        switch (variant) {
            case "redissonBucketGet" -> {
                for (int i = 0; i < KEYS; i++) {
                    buckets[i] = redisson.getBucket(ReadWorkload.redisKey(i), json);
                }
                checkValues(i -> buckets[i].get());
            }
            case "redissonLocalCachedMapHit" -> {
                Codec mapCodec = new CompositeCodec(StringCodec.INSTANCE,
                        new TypedJsonJacksonCodec(Load.class, String.class, Load.class, mapper()));
                map = redisson.getLocalCachedMap(LocalCachedMapOptions.<String, Load>name(ReadWorkload.HASH)
                        .codec(mapCodec)
                        .useObjectAsCacheKey(true));
                // Two passes: the first fills the local cache from Redis, the second must not reach Redis.
                checkValues(i -> map.get(keys[i]));
                localOnly(i -> map.get(keys[i]));
            }
            case "redissonClientSideCachingHit" -> {
                clientSideCaching = redisson.getClientSideCaching(ClientSideCachingOptions.defaults());
                for (int i = 0; i < KEYS; i++) {
                    buckets[i] = clientSideCaching.getBucket(ReadWorkload.redisKey(i), json);
                }
                checkValues(i -> buckets[i].get());
                localOnly(i -> buckets[i].get());
            }
            default -> throw new IllegalStateException("no set-up for " + variant);
        }
        beforeMeasurement = RedisCommandCounts.read(server.host(), server.port());
    }

    /** Every key reads as its value: the same decode target as ours. */
    private void checkValues(java.util.function.IntFunction<Load> read) {
        for (int i = 0; i < KEYS; i++) {
            Load value = read.apply(i);
            if (!ReadWorkload.load(i).equals(value)) {
                throw new IllegalStateException(variant + ": key " + keys[i] + " read as " + value);
            }
        }
    }

    /** A warmed pass of every key reaches Redis with no read command. */
    private void localOnly(java.util.function.IntFunction<Load> read) {
        RedisCommandCounts before = RedisCommandCounts.read(server.host(), server.port());
        checkValues(read);
        RedisCommandCounts.assertNoReads(variant + " (warmed pass of " + KEYS + " keys)", server.host(),
                server.port(), before);
    }

    @TearDown(Level.Trial)
    public void stop() {
        try {
            if (!variant.equals("redissonBucketGet")) {
                RedisCommandCounts.assertNoReads(variant, server.host(), server.port(), beforeMeasurement);
            }
        } finally {
            if (clientSideCaching != null) {
                clientSideCaching.destroy();
            }
            if (map != null) {
                map.destroy();
            }
            redisson.shutdown();
            server.close();
        }
    }

    private int nextIndex() {
        int i = next + 1;
        next = i == KEYS ? 0 : i;
        return next;
    }

    @Benchmark
    public Load redissonBucketGet() {
        return buckets[nextIndex()].get();
    }

    @Benchmark
    public Load redissonLocalCachedMapHit() {
        return map.get(keys[nextIndex()]);
    }

    @Benchmark
    public Load redissonClientSideCachingHit() {
        return buckets[nextIndex()].get();
    }
}
