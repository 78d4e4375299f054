package dev.devcycle.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.cache.Cache;
import javax.cache.CacheManager;

import org.junit.jupiter.api.Test;

/**
 * Fails unless the jcache-tck execution really ran the JCache TCK against this provider: every one of the 479 API
 * tests of cache-tests 1.1.1 executed and passed, the unwrap properties named the provider's classes (else the TCK's
 * testUnwrap tests pass without checking anything), the provider was found by ServiceLoader (no
 * javax.cache.spi.CachingProvider property), and the ExcludeList excludes the TCK's dummy test only. Runs in the
 * jcache-tck-guard execution, after the TCK (pom.xml).
 */
class TckRunGuardTest {

    static final int TCK_API_TESTS = 479;
    private static final Pattern SUITE = Pattern.compile(
            "<testsuite[^>]*?tests=\"(\\d+)\"[^>]*?errors=\"(\\d+)\"[^>]*?skipped=\"(\\d+)\"[^>]*?failures=\"(\\d+)\"");

    @Test
    void theTckRanEveryApiTestAndPassed() throws IOException {
        Path reports = Path.of(System.getProperty("jcache.tck.reports", "target/jcache-tck-reports"));
        assertTrue(Files.isDirectory(reports), "no TCK reports in " + reports + ": the jcache-tck execution did not run");
        int tests = 0;
        int failed = 0;
        int skipped = 0;
        String anyReport = null;
        try (Stream<Path> files = Files.list(reports)) {
            // Only the TCK's classes (org.jsr107.tck.*, javax.cache.*): a filtered run (-Dtest=...) also makes the
            // jcache-tck execution run the module's own tests into this folder, and their stale reports would count
            // in a later build on a target/ that was not cleaned.
            for (Path file : files.filter(TckRunGuardTest::isTckReport).toList()) {
                String xml = Files.readString(file);
                Matcher m = SUITE.matcher(xml);
                assertTrue(m.find(), "unreadable report " + file);
                tests += Integer.parseInt(m.group(1));
                failed += Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(4));
                skipped += Integer.parseInt(m.group(3));
                anyReport = xml;
            }
        }
        assertEquals(TCK_API_TESTS, tests, "TCK API tests executed");
        assertEquals(0, failed, "TCK failures and errors");
        assertEquals(0, skipped, "TCK tests skipped");

        assertProperty(anyReport, "javax.cache.CacheManager", RedisCacheManager.class, CacheManager.class);
        assertProperty(anyReport, "javax.cache.Cache", RedisJCache.class, Cache.class);
        assertProperty(anyReport, "javax.cache.Cache.Entry", RedisCacheEntry.class, Cache.Entry.class);
        assertFalse(anyReport.contains("name=\"javax.cache.spi.CachingProvider\""),
                "the provider must be found by ServiceLoader, not named by javax.cache.spi.CachingProvider");
    }

    @Test
    void theExcludeListExcludesOnlyTheDummyTest() throws IOException {
        try (var in = getClass().getClassLoader().getResourceAsStream("ExcludeList")) {
            assertTrue(in != null, "ExcludeList missing from the test classpath");
            List<String> entries = new String(in.readAllBytes()).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            assertEquals(List.of("org.jsr107.tck.CachingTest#dummyTest"), entries);
        }
    }

    private static boolean isTckReport(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("TEST-") && !name.startsWith("TEST-dev.devcycle.");
    }

    private static void assertProperty(String report, String name, Class<?> expected, Class<?> api) {
        assertTrue(report.contains("name=\"" + name + "\" value=\"" + expected.getName() + "\""),
                name + " must name " + expected.getName() + " in the TCK run");
        assertTrue(api.isAssignableFrom(expected), expected + " implements " + api);
    }
}
