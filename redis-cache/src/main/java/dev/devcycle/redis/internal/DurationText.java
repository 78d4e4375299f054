package dev.devcycle.redis.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in annotations and configuration: {@code 250ms}, {@code 30s}, {@code 0.5s}, {@code 5m},
 * {@code 1h}, {@code 1d}, or ISO-8601 ({@code PT30S}). Written by hand because neither MicroProfile Config nor the
 * JDK reads the unit-suffixed form (MicroProfile's implicit converter is {@link Duration#parse}, ISO only).
 */
public final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern BARE = Pattern.compile("\\d+(?:\\.\\d+)?");

    private DurationText() {
    }

    /**
     * Parses a positive duration.
     *
     * @throws IllegalArgumentException naming the text when it is not a positive duration
     */
    public static Duration parse(String text) {
        return parse(text, null);
    }

    /**
     * As {@link #parse(String)}, where a bare number counts in {@code bareUnit} ({@code null}: a bare number is not a
     * duration).
     */
    public static Duration parse(String text, ChronoUnit bareUnit) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            d = amount(m.group(1), unit(m.group(2)), text);
        } else if (bareUnit != null && BARE.matcher(t).matches()) {
            d = amount(t, bareUnit, text);
        } else {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("duration must be positive: '" + text + "'");
        }
        return d;
    }

    private static ChronoUnit unit(String suffix) {
        return switch (suffix) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
    }

    /** A number of units, to the millisecond (0.25s is 250 ms; a fraction of a millisecond rounds). */
    private static Duration amount(String number, ChronoUnit unit, String text) {
        try {
            BigDecimal millis = new BigDecimal(number).multiply(BigDecimal.valueOf(unit.getDuration().toMillis()));
            return Duration.ofMillis(millis.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: use e.g. 250ms, 30s, 0.5s, 5m, 1h, 1d"
                + " or PT30S");
    }
}
