package dev.devcycle.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guards the Python interoperability tests: they run for real (python3 with redis-py, the reproduction on the test
 * classpath), and a machine without them fails with what to install instead of skipping. (The service's
 * {@code PythonAgentEntriesTest} and {@code PythonSessionsTest} run its part of the reproduction.)
 */
class PythonSeedTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    @Test
    void theReproducedCacheRunsWithRedisPyAgainstTheTestsServer() {
        assertTrue(PythonSeed.script("import redis, sys; sys.stdout.write(redis.__version__)").matches("\\d+\\..*"),
                "redis-py imports");
        assertTrue(PythonSeed.runCache(redis, "guard:", "[[\"set\", \"k\", {\"a\": 1}], [\"get\", \"k\"]]")
                .getJsonArray("results").getBoolean(0), "set answered True");
        try (var jedis = redis.jedis()) {
            assertEquals("{\"a\": 1}", jedis.get("guard:k"), "written through redis-py");
        }
    }

    @Test
    void withoutPythonOrRedisPyTheTestsFailSayingWhatToInstall() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PythonSeed.firstImportingRedis(List.of("/nonexistent/python3")));
        assertTrue(e.getMessage().contains("apt-get install -y python3 python3-redis"), e.getMessage());
    }
}
