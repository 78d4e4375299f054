package dev.devcycle.jcache.internal.annotation.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Guard of the JSR-107 annotation TCK run (surefire execution {@code jcache-annotation-tck}, run just before this
 * one). The TCK skips its annotation tests as passed when it finds no {@code BeanProvider} or that provider fails to
 * start, so green TCK reports alone prove nothing. This fails unless that run, in this build, served every fixture
 * from the module's CDI container, went through the module's interceptors for each annotation, and answered
 * {@code @CacheResult} calls from the cache; and unless all 12 tests ran, none skipped, none failed.
 *
 * <p>Not named *Test: it belongs to its own execution, after the TCK, never to the module's main test run.
 */
class AnnotationTckGuard {

    private static final List<String> FIXTURES = List.of("manager.CacheNameOnEachMethodBlogManagerImpl",
            "manager.ClassLevelCacheConfigBlogManagerImpl", "manager.UsingDefaultCacheNameBlogManagerImpl");
    private static final List<String> TCK_CLASSES = List.of("InterceptionCacheNameOnEachMethodTest",
            "InterceptionUsingCacheConfigTest", "InterceptionUsingDefaultCacheNameTest");
    private static final Pattern SUITE = Pattern.compile("<testsuite [^>]*>");

    @Test
    void theTckRanThroughTheInterceptors() throws IOException {
        String target = System.getProperty(WeldBeanProvider.EVIDENCE_PROPERTY);
        assertNotNull(target, "run by the jcache-annotation-tck-guard execution, which names the evidence file");
        Path file = Path.of(target);
        assertTrue(Files.exists(file), "no evidence " + file + " from the annotation TCK run of this build: its"
                + " BeanProvider (WeldBeanProvider) never started, so the TCK skipped every annotation test");
        Properties evidence = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            evidence.load(in);
        }
        for (String fixture : FIXTURES) {
            assertTrue(count(evidence, "beans." + fixture) >= 4, fixture + " served fewer than 4 times: " + evidence);
            int calls = count(evidence, "calls.CacheResult." + fixture);
            int executions = count(evidence, "executions.CacheResult." + fixture);
            assertTrue(calls > 0, "no @CacheResult call of " + fixture + " was intercepted: " + evidence);
            assertTrue(executions < calls, "every @CacheResult call of " + fixture + " ran the method, none came"
                    + " from the cache: " + evidence);
            assertTrue(count(evidence, "calls.CacheRemove." + fixture) > 0, "no @CacheRemove of " + fixture);
            assertTrue(count(evidence, "calls.CacheRemoveAll." + fixture) > 0, "no @CacheRemoveAll of " + fixture);
        }
        String caches = evidence.getProperty("caches", "");
        for (String name : List.of("blogManager", "blgMngr",
                "manager.UsingDefaultCacheNameBlogManagerImpl.getEntryCached(java.lang.String)")) {
            assertTrue(List.of(caches.split("\\|")).contains(name), "cache " + name + " was not made: " + caches);
        }
    }

    @Test
    void allTwelveTckTestsRanAndPassed() throws IOException {
        Path reports = Path.of(System.getProperty("jcache.annotation.tck.reports", "target/surefire-reports"));
        int total = 0;
        for (String name : TCK_CLASSES) {
            Path report = reports.resolve("TEST-org.jsr107.tck.annotation." + name + ".xml");
            assertTrue(Files.exists(report), "no surefire report " + report);
            Matcher suite = SUITE.matcher(Files.readString(report));
            assertTrue(suite.find(), "no testsuite element in " + report);
            String element = suite.group();
            assertEquals(0, attribute(element, "failures") + attribute(element, "errors"), element);
            assertEquals(0, attribute(element, "skipped"), element);
            total += attribute(element, "tests");
        }
        assertEquals(12, total, "the TCK has 12 annotation tests");
    }

    private static int count(Properties evidence, String key) {
        return Integer.parseInt(evidence.getProperty(key, "0"));
    }

    private static int attribute(String element, String name) {
        Matcher m = Pattern.compile(" " + name + "=\"(\\d+)\"").matcher(element);
        assertTrue(m.find(), "no " + name + " in " + element);
        return Integer.parseInt(m.group(1));
    }
}
