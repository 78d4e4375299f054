package dev.devcycle.python;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Points in time as the Python services write them into Redis, written and read their way so either side reads the
 * other's entries: {@code datetime.isoformat()} text of an aware UTC datetime ({@code 2025-12-01T09:19:00+00:00},
 * which every Python 3 from 3.7 reads, unlike {@code Instant}'s {@code Z}), and {@code time.time()} epoch seconds
 * (docs/agents.md, "Shared with the Python services").
 */
public final class PythonTimestamps {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final int MICROS_SCALE = 6;

    private PythonTimestamps() {
    }

    /** {@code datetime.isoformat()} of the instant as an aware UTC datetime (microsecond precision, as Python's). */
    public static String isoformat(Instant instant) {
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(32).append(SECONDS.format(utc));
        int micros = utc.getNano() / 1000;
        if (micros != 0) {
            text.append('.').append(String.format("%06d", micros));
        }
        return text.append("+00:00").toString();
    }

    /**
     * An ISO-8601 date-time as Python writes it ({@code isoformat()} with any offset, {@code Z}, a space instead of
     * {@code T} as {@code str(datetime)} writes, any number of fraction digits); one without offset is taken as UTC,
     * the Python services' convention.
     *
     * @return empty when the text is none of these
     */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.length() < 19) {
            return Optional.empty();
        }
        String iso = text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return Optional.of(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException withOffset) {
            try {
                return Optional.of(LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException naive) {
                return Optional.empty();
            }
        }
    }

    /** {@code time.time()} at the instant: seconds with six decimals, always a fraction, so Python reads a float. */
    public static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano() / 1000, 6))
                .setScale(MICROS_SCALE, RoundingMode.UNNECESSARY);
    }

    /** The instant of {@code time.time()} seconds; empty when out of range. */
    public static Optional<Instant> ofEpochSeconds(BigDecimal seconds) {
        if (seconds.precision() - seconds.scale() > 19) {
            // Beyond any Instant; not expanded (1e999999999 would be a billion-digit integer).
            return Optional.empty();
        }
        try {
            BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValueExact();
            return Optional.of(Instant.ofEpochSecond(whole.longValueExact(), nanos));
        } catch (ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
