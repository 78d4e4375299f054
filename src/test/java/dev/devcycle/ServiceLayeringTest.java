package dev.devcycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The service's packages depend on each other one way only (docs/agents.md, README "Project structure"): {@code rest}
 * — the error types, JSON reading and request filters every resource shares, and the module's own endpoints — knows
 * neither {@code session} nor {@code agent}; {@code session} does not know {@code agent}; the agent core knows no
 * REST; and {@code openapi}, which reads the session's access rule to document the API, is named by configuration
 * only; {@code json} (the JSON-P factories) knows none of them. A reference in code, not only an import, counts;
 * comments do not.
 */
class ServiceLayeringTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.devcycle\\.((?:[a-z]\\w*\\.)*)[A-Z]");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    /** Package (with its subpackages, unless listed on their own) → the service packages it must not reference. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "rest", List.of("agent", "session", "openapi", "health"),
            "session", List.of("agent", "openapi", "health"),
            "agent", List.of("session", "openapi", "health", "rest"),
            "agent.rest", List.of("session", "openapi", "health"),
            "python", List.of("agent", "session", "openapi", "health", "rest"),
            "json", List.of("agent", "session", "openapi", "health", "rest", "python"));

    @Test
    void servicePackagesDependOneWay() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(SOURCES.resolve("dev/devcycle"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String own = packageOf(source);
                String code = COMMENTS.matcher(Files.readString(source)).replaceAll("");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    String referenced = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1);
                    for (String forbidden : forbiddenFor(own)) {
                        if (within(referenced, forbidden)) {
                            violations.add(source + ": " + own + " -> " + referenced);
                        }
                    }
                    if (within(referenced, "openapi") && !within(own, "openapi")) {
                        violations.add(source + ": " + own + " -> openapi (named by mp.openapi.filter only)");
                    }
                }
            }
        }
        assertTrue(files > 50, "the service's sources were read: " + files);
        assertEquals(List.of(), violations.stream().distinct().toList());
    }

    /** The rule of the package's nearest listed ancestor (itself included). */
    private static List<String> forbiddenFor(String pkg) {
        String best = null;
        for (String listed : FORBIDDEN.keySet()) {
            if (within(pkg, listed) && (best == null || listed.length() > best.length())) {
                best = listed;
            }
        }
        return best == null ? List.of() : FORBIDDEN.get(best);
    }

    private static boolean within(String pkg, String ancestor) {
        return pkg.equals(ancestor) || pkg.startsWith(ancestor + ".");
    }

    /** The package below {@code dev.devcycle}, e.g. {@code agent.rest}. */
    private static String packageOf(Path source) {
        Path relative = SOURCES.resolve("dev/devcycle").relativize(source.getParent());
        return relative.toString().replace('/', '.');
    }
}
