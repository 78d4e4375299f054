package dev.devcycle.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The figures the fault-injection scenarios measure, logged and appended to {@code target/reliability-figures.txt}
 * (one {@code scenario | figure | value} line each), so docs/reliability.md can be refreshed from a real run instead
 * of from memory.
 */
public final class ReliabilityFigures {

    private static final Logger LOG = Logger.getLogger(ReliabilityFigures.class.getName());
    private static final Path FILE = Path.of("target", "reliability-figures.txt");
    private static final String MSG = "reliability figure: {0} | {1} | {2}";

    private ReliabilityFigures() {
    }

    public static synchronized void record(String scenario, String figure, Object value) {
        LOG.log(Level.INFO, MSG, new Object[] {scenario, figure, String.valueOf(value)});
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, Instant.now() + " | " + scenario + " | " + figure + " | " + value + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The figure is in the log already; a read-only target folder must not fail the scenario.
            LOG.log(Level.WARNING, "cannot append to " + FILE, e);
        }
    }
}
