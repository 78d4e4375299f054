package it.dev.devcycle.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import it.dev.devcycle.ItClient;
import it.dev.devcycle.ItEnvironment;
import it.dev.devcycle.ItJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import redis.clients.jedis.Jedis;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven by playwright-core (src/test/js). Checks that
 * Redis, the agents (or "not available" when the agents API is absent) and the hit ratio render from live data, and
 * saves target/dashboard.png. Fails — never skips — when Chromium or Node.js is missing: `.ci/run` installs both.
 */
class DashboardIT {

    static final String DEFAULT_CACHE_ROW = "devcycle:cache: (RedisCache)";
    private static final Path JS_SOURCES = Path.of("src", "test", "js");
    private static final Path WORK_DIR = Path.of("target", "dashboard-test");
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    @RegisterExtension
    static final ItClient http = new ItClient();

    @Test
    void dashboardRendersRedisAgentsAndHitRatio() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            fail("Chromium not found at " + chromium + ": the dashboard test needs Debian's chromium package "
                    + "(apt-get install -y chromium; .ci/run installs it) or CHROMIUM_PATH pointing at a Chromium");
        }
        installPlaywright();

        // Known lookups in the default namespace: two hits and one miss, read through the service.
        try (Jedis redis = ItEnvironment.redis()) {
            redis.set("devcycle:cache:dashboard-it", "\"shown\"");
        }
        get("api/cache/entries/dashboard-it");
        get("api/cache/entries/dashboard-it");
        get("api/cache/entries/dashboard-it-absent");

        Files.deleteIfExists(SCREENSHOT);
        String output = run(List.of("node", "dashboard-check.mjs", ItEnvironment.baseUrl(),
                SCREENSHOT.toAbsolutePath().toString()), 90);
        JsonObject shown = lastJsonLine(output);

        assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot missing or empty: " + SCREENSHOT);
        assertEquals("ok", shown.getString("refreshState"), "the page's refresh failed: " + shown);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, shown.getJsonArray("pageErrors"), "script errors: " + shown);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, shown.getJsonArray("externalRequests"),
                "the page must only talk to the service (no CDN): " + shown);

        assertEquals("UP", shown.getString("redisStatus"), "Redis panel: " + shown);
        // Anonymous readiness shows no address (health.show.details=when-authorized): the panel says where it is.
        assertEquals("details for administrators (GET /api/health)", shown.getJsonArray("redisFacts").getString(1),
                "Redis panel: " + shown);
        assertTrue(shown.getJsonArray("redisFacts").getValuesAs(JsonString::getString).stream()
                .noneMatch(t -> t.contains(String.valueOf(ItEnvironment.redisPort()))), "no Redis port: " + shown);
        assertTrue(shown.getJsonArray("pool").getValuesAs(JsonString::getString).contains("max"),
                "pool gauges from /metrics: " + shown);

        JsonObject defaultCache = shown.getJsonArray("caches").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(DEFAULT_CACHE_ROW)).findFirst()
                .orElseThrow(() -> new AssertionError("no hit-ratio row for the default namespace: " + shown));
        assertTrue(defaultCache.getString("ratio").matches("\\d{1,3}\\.\\d %"),
                "hit ratio shown as a percentage: " + defaultCache);
        assertTrue(shown.getJsonArray("hitRatioSeries").getValuesAs(JsonString::getString)
                .contains(DEFAULT_CACHE_ROW), "hit-ratio chart draws the namespace: " + shown);

        assertAgents(shown);
    }

    /** The agents API decides what the page must show: the agents with availability, or "not available". */
    private void assertAgents(JsonObject shown) {
        try (Response r = http.request("api/agents").get()) {
            if (r.getStatus() != 200) {
                assertTrue(shown.getString("agentsNote").startsWith("not available"),
                        "without an agents API the panel says so: " + shown);
                assertTrue(shown.getBoolean("agentsTableHidden"), shown.toString());
                return;
            }
            Set<String> expected = new TreeSet<>();
            r.readEntity(JsonArray.class).getValuesAs(JsonObject.class).stream().limit(12)
                    .forEach(a -> expected.add(a.getString("name")));
            Set<String> rendered = new TreeSet<>();
            for (JsonObject agent : shown.getJsonArray("agents").getValuesAs(JsonObject.class)) {
                rendered.add(agent.getString("name"));
                assertTrue(Set.of("yes", "no").contains(agent.getString("available")),
                        "availability of " + agent + " shown");
                assertFalse(agent.getString("status").isBlank(), "status of " + agent);
            }
            assertEquals(expected, rendered, "agents rendered: " + shown);
            if (!expected.isEmpty()) {
                assertTrue(shown.getJsonArray("latencySeries").size() >= 2, "latency chart draws: " + shown);
            }
        }
    }

    private void get(String path) {
        try (Response r = http.request(path).get()) {
            assertTrue(r.getStatus() == 200 || r.getStatus() == 404, path + " answered " + r.getStatus());
        }
    }

    /**
     * {@code npm ci} from the committed lock file into target/, so the exact playwright-core is used and the source
     * tree stays clean. playwright-core downloads no browser; Debian's Chromium is the one used.
     */
    private static void installPlaywright() throws IOException, InterruptedException {
        Files.createDirectories(WORK_DIR);
        boolean changed = false;
        for (String file : new String[] {"package.json", "package-lock.json", "dashboard-check.mjs"}) {
            Path source = JS_SOURCES.resolve(file);
            Path target = WORK_DIR.resolve(file);
            if (!Files.exists(target) || Files.mismatch(source, target) != -1) {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                changed = true;
            }
        }
        if (changed || !Files.isDirectory(WORK_DIR.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), 180);
        }
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(WORK_DIR.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " could not be started (" + e.getMessage() + "): the dashboard "
                    + "test needs Node.js and npm (apt-get install -y nodejs npm; .ci/run installs them)", e);
        }
        // Read while it runs, so a chatty process cannot block on a full pipe.
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (var in = process.inputReader(StandardCharsets.UTF_8)) {
                in.lines().forEach(lines::add);
            } catch (IOException ignored) {
                // The process ended; what was read is reported.
            }
        });
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        reader.join(5000);
        String output = String.join("\n", lines);
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
        }
        return output;
    }

    private static JsonObject lastJsonLine(String output) {
        String[] lines = output.strip().split("\n");
        try {
            return ItJson.object(lines[lines.length - 1]);
        } catch (RuntimeException e) {
            throw new AssertionError("the browser script printed no result:\n" + output, e);
        }
    }
}
