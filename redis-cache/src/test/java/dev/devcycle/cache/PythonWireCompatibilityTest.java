package dev.devcycle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.devcycle.redis.RedisClientFactory;
import dev.devcycle.testsupport.PythonSeed;
import dev.devcycle.testsupport.RedisServerExtension;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * Entries are shared with the seed's Python services: what Python's {@code json.dumps} writes (or a raw str) reads
 * back here as the same structure, and what this module writes is read by a real python3 {@code json.loads}. The
 * tests that go through Redis run the tests' reproduction of the seed's {@code RedisCache} ({@link PythonSeed}) with
 * redis-py.
 */
class PythonWireCompatibilityTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    public record AgentLoad(String agentId, String status, int currentTasks, int maxConcurrentTasks,
                            List<String> capabilities) {
    }

    static final Type MAP_OF_OBJECTS = new java.util.HashMap<String, Object>() { }.getClass().getGenericSuperclass();

    private UnifiedJedis client;
    private RedisCache cache;
    private Jedis raw;

    @BeforeEach
    void setUp() {
        client = RedisClientFactory.create(redis.settings());
        cache = new RedisCache(client, "my_app:", new ValueCodec(), 1 << 20);
        raw = redis.jedis();
    }

    @AfterEach
    void tearDown() {
        raw.close();
        client.close();
    }

    @Test
    void readsWhatPythonJsonDumpsWrites() {
        // Bytes exactly as json.dumps writes them: ", " and ": " separators, non-ASCII escaped.
        raw.set("my_app:user:123", "{\"name\": \"J\\u00fcrgen\", \"email\": \"john@example.com\", \"age\": 30,"
                + " \"admin\": false, \"tags\": [\"a\", \"b\"], \"manager\": null}");
        Map<String, Object> user = cache.<Map<String, Object>>get("user:123", MAP_OF_OBJECTS).orElseThrow();
        assertEquals("Jürgen", user.get("name"));
        assertEquals(false, user.get("admin"));
        assertEquals(List.of("a", "b"), user.get("tags"));
        assertTrue(user.containsKey("manager") && user.get("manager") == null);

        raw.set("my_app:load", "{\"agent_id\": \"agent1\", \"status\": \"online\", \"current_tasks\": 1, "
                + "\"max_concurrent_tasks\": 3, \"capabilities\": [\"testing\"]}");
        assertEquals(Optional.of(new AgentLoad("agent1", "online", 1, 3, List.of("testing"))),
                cache.get("load", AgentLoad.class));
    }

    @Test
    void pythonStrIsRawTextAndReadsAsString() {
        raw.set("my_app:greeting", "hello world");
        assertEquals(Optional.of("hello world"), cache.get("greeting", String.class));
        // Untyped reads behave like the seed's get(): json.loads, falling back to the raw text.
        assertEquals(Optional.of("hello world"), cache.get("greeting", Object.class));
        raw.set("my_app:t", "true");
        assertEquals(Optional.of(JsonValue.TRUE), cache.get("t", JsonValue.class));
    }

    @Test
    void pythonReadsWhatThisModuleWrites() throws Exception {
        cache.set("load", new AgentLoad("agent1", "online", 1, 3, List.of("testing", "deploy")));
        cache.set("greeting", "hello world");
        cache.set("count", 7);

        String script = "import json,sys\n"
                + "v = json.loads(sys.argv[1]); assert v == {'agent_id': 'agent1', 'status': 'online',"
                + " 'current_tasks': 1, 'max_concurrent_tasks': 3, 'capabilities': ['testing', 'deploy']}, v\n"
                + "assert json.loads(sys.argv[3]) == 7\n"
                + "print(sys.argv[2])\n";
        String out = python(script, raw.get("my_app:load"), raw.get("my_app:greeting"), raw.get("my_app:count"));
        assertEquals("hello world", out.trim(), "a str is stored raw, as the seed stores it");
    }

    public record Timing(String name, double seconds, Double best, float ratio) {
    }

    @Test
    void pythonNonFiniteNumbersReadAsTheNumbersTheyDenote() {
        // The reproduced seed RedisCache.set: json.dumps writes NaN, Infinity, -Infinity as bare tokens.
        PythonSeed.runCache(redis, "my_app:", "[[\"set\", \"m\", {\"x\": NaN, \"y\": [Infinity, -Infinity, 1.5]}],"
                + " [\"set\", \"t\", {\"name\": \"NaN\", \"seconds\": NaN, \"best\": -Infinity, \"ratio\": Infinity}],"
                + " [\"set\", \"n\", NaN], [\"set\", \"i\", {\"count\": Infinity}]]");
        assertEquals("{\"x\": NaN, \"y\": [Infinity, -Infinity, 1.5]}", raw.get("my_app:m"), "Python's bytes");

        Map<String, Object> map = cache.<Map<String, Object>>get("m", MAP_OF_OBJECTS).orElseThrow();
        assertTrue(Double.isNaN((Double) map.get("x")));
        assertEquals(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, new java.math.BigDecimal("1.5")),
                map.get("y"));
        Timing timing = cache.get("t", Timing.class).orElseThrow();
        assertEquals("NaN", timing.name(), "a string stays a string");
        assertTrue(Double.isNaN(timing.seconds()));
        assertEquals(Double.NEGATIVE_INFINITY, timing.best());
        assertEquals(Float.POSITIVE_INFINITY, timing.ratio());
        assertTrue(Double.isNaN(cache.get("n", Double.class).orElseThrow()));
        assertTrue(Double.isNaN((Double) cache.get("n", Object.class).orElseThrow()), "never the text \"NaN\"");

        // Where the type holds no such number: a miss (and, as every unreadable entry, evicted).
        assertEquals(Optional.empty(), cache.get("n", JsonValue.class));
        assertEquals(Optional.empty(), cache.get("i", IntCount.class));
        assertTrue(!raw.exists("my_app:n") && !raw.exists("my_app:i"));
    }

    public record IntCount(int count) {
    }

    @Test
    void anEntryPythonWroteInAnotherShapeIsAMissNeverHalfRead() {
        // The seed's agent service stores its load as {"load_info": {...}, "last_check": t}.
        PythonSeed.runCache(redis, "my_app:", "[[\"set\", \"load\", {\"load_info\": {\"agent_id\": \"agent1\","
                + " \"status\": \"online\", \"current_tasks\": 1, \"max_concurrent_tasks\": 3},"
                + " \"last_check\": 1764580000.5}, 30], [\"set\", \"typed\", {\"agent_id\": \"agent1\","
                + " \"status\": \"online\", \"current_tasks\": \"1\", \"max_concurrent_tasks\": 3.5,"
                + " \"capabilities\": [\"testing\"]}, 30]]");

        assertEquals(Optional.empty(), cache.get("load", AgentLoad.class));
        assertEquals(Optional.empty(), cache.get("typed", AgentLoad.class));
        assertTrue(!raw.exists("my_app:load") && !raw.exists("my_app:typed"), "evicted so a load replaces them");
    }

    @Test
    void theReproducedPythonCacheReadsWhatThisModuleWrites() {
        cache.set("load", new AgentLoad("agent1", "online", 1, 3, null), java.time.Duration.ofSeconds(30));
        cache.set("greeting", "hello world");

        JsonObject answer = PythonSeed.runCache(redis, "my_app:", "[[\"get\", \"load\"], [\"get\", \"greeting\"],"
                + " [\"get_ttl\", \"load\"]]");

        JsonObject load = answer.getJsonArray("results").getJsonObject(0);
        assertEquals("agent1", load.getString("agent_id"));
        assertTrue(load.containsKey("capabilities") && load.isNull("capabilities"), "a null is written: " + load);
        assertEquals("hello world", answer.getJsonArray("results").getString(1));
        assertTrue(answer.getJsonArray("results").getInt(2) > 25);
    }

    private static String python(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("python3 is needed for this test: apt-get install -y python3", e);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python3 timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "python3 failed: " + out);
        return out;
    }
}
