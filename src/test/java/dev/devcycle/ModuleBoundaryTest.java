package dev.devcycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The service uses the caching module as any application would: through its public API only, never a type of a
 * package named {@code internal} (the module's own tests and test support may).
 */
class ModuleBoundaryTest {

    private static final Pattern INTERNAL = Pattern.compile("dev\\.devcycle\\.(cache|redis|metrics)(\\.\\w+)*\\.internal\\b");

    @Test
    void serviceSourcesReachTheModuleOnlyThroughItsApi() throws IOException {
        List<String> uses = new ArrayList<>();
        int files = 0;
        for (String root : new String[] {"src/main/java", "src/demo/java"}) {
            try (Stream<Path> sources = Files.walk(Path.of(root))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    List<String> lines = Files.readAllLines(source);
                    for (int i = 0; i < lines.size(); i++) {
                        if (INTERNAL.matcher(lines.get(i)).find()) {
                            uses.add(source + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertTrue(files > 50, "the service's sources were read: " + files);
        assertEquals(List.of(), uses);
    }
}
