package dev.devcycle.redis;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.devcycle.redis.internal.DurationText;

/**
 * Reads the module's settings — the one way they are read, in CDI and without it. A reader wraps a source of raw
 * values by property name ({@code redis.max.connections}); each typed read validates the value and fails with an
 * {@link InvalidSettingException} naming the environment variable, the property and the value. An absent or blank
 * value is the default; a malformed value is never silently replaced by it.
 *
 * <p>Sources:
 * <ul>
 * <li>in a CDI application, the module reads MicroProfile Config (its converters turn numbers into
 * {@code Integer}/{@code Long}/{@code Double}, so property expressions, profiles and an application's converters
 * apply);</li>
 * <li>without CDI or MicroProfile Config (a JCache provider in a Liberty shared library, a plain Java program):
 * {@link #fromProperties(Map)}, a map of properties with environment variables as fallback, named as MicroProfile
 * Config names them ({@code redis.max.connections} or {@code REDIS_MAX_CONNECTIONS}), or {@link #of(Function)}.</li>
 * </ul>
 *
 * <p>Booleans are read strictly ({@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}): MicroProfile
 * Config's own Boolean converter turns every other word into {@code false}, which would switch a feature off on a
 * typo. Durations take {@code 250ms}, {@code 30s}, {@code 0.5s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601
 * ({@code PT30S}).
 */
public class SettingReader {

    private final Function<String, Optional<String>> source;

    /** @param source the raw value of a property name, if set */
    protected SettingReader(Function<String, Optional<String>> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A reader of a source of raw values (a map's {@code get}, a configuration library's lookup). */
    public static SettingReader of(Function<String, Optional<String>> source) {
        return new SettingReader(source);
    }

    /**
     * A reader of properties (e.g. JCache vendor properties), with environment variables as fallback: a property
     * missing from the map is looked up as MicroProfile Config would look it up in the environment
     * ({@code redis.max.connections}, then {@code redis_max_connections}, then {@code REDIS_MAX_CONNECTIONS}).
     */
    public static SettingReader fromProperties(Map<String, ?> properties) {
        return fromProperties(properties, System::getenv);
    }

    /** As {@link #fromProperties(Map)}, with the environment given (tests). */
    static SettingReader fromProperties(Map<String, ?> properties, Function<String, String> environment) {
        Map<String, ?> copy = Map.copyOf(properties);
        return of(name -> {
            Object value = copy.get(name);
            if (value != null) {
                return Optional.of(value.toString());
            }
            String sanitized = sanitized(name);
            return Optional.ofNullable(environment.apply(name))
                    .or(() -> Optional.ofNullable(environment.apply(sanitized)))
                    .or(() -> Optional.ofNullable(environment.apply(sanitized.toUpperCase(Locale.ROOT))));
        });
    }

    /**
     * The environment variable MicroProfile Config maps a property to: every character other than a letter or a
     * digit becomes {@code _}, all upper case ({@code cache.agent:availability.ttl} is
     * {@code CACHE_AGENT_AVAILABILITY_TTL}).
     */
    public static String environmentName(String property) {
        return sanitized(property).toUpperCase(Locale.ROOT);
    }

    private static String sanitized(String property) {
        StringBuilder out = new StringBuilder(property.length());
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            out.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        return out.toString();
    }

    /** The value as the source has it, untrimmed (passwords), blank included. */
    public Optional<String> raw(String name) {
        return source.apply(name);
    }

    /** The trimmed value; empty when absent or blank. */
    public Optional<String> text(String name) {
        return raw(name).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** A whole number in {@code [min, max]}, or the default when absent. */
    public int wholeNumber(String name, int defaultValue, int min, int max) {
        return wholeNumber(name, min, max).map(Long::intValue).orElse(defaultValue);
    }

    /** A whole number in {@code [min, max]}, or the default when absent. */
    public long wholeNumber(String name, long defaultValue, long min, long max) {
        return wholeNumber(name, min, max).orElse(defaultValue);
    }

    /** A whole number in {@code [min, max]}, if set. */
    public Optional<Long> wholeNumber(String name, long min, long max) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long value = convert(name, Long.class, "is not a whole number");
        if (value < min || value > max) {
            throw invalid(name, "must be between " + min + " and " + max);
        }
        return Optional.of(value);
    }

    /**
     * A number of seconds, fractions allowed ({@code 0.25}), more than 0 and at most {@code maxSeconds}; the default
     * when absent. Kept to the millisecond, at least 1 ms.
     */
    public Duration seconds(String name, Duration defaultValue, long maxSeconds) {
        if (text(name).isEmpty()) {
            return defaultValue;
        }
        double value = convert(name, Double.class, "is not a number of seconds");
        if (!(value > 0) || value > maxSeconds) {
            throw invalid(name, "must be more than 0 and at most " + maxSeconds + " seconds");
        }
        return Duration.ofMillis(Math.max(1, Math.round(value * 1000)));
    }

    /** A positive duration ({@code 30s}, {@code PT30S}, ...), if set. */
    public Optional<Duration> duration(String name) {
        return duration(name, null);
    }

    /** As {@link #duration(String)}, where a bare number counts in {@code bareUnit}. */
    public Optional<Duration> duration(String name, ChronoUnit bareUnit) {
        return text(name).map(text -> {
            try {
                return DurationText.parse(text, bareUnit);
            } catch (IllegalArgumentException e) {
                throw invalid(name, e.getMessage());
            }
        });
    }

    /** A whole percentage 0-100 ({@code 20} or {@code 20%}), if set. */
    public Optional<Integer> percent(String name) {
        return text(name).map(text -> {
            int value;
            try {
                value = Integer.parseInt(text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text);
            } catch (NumberFormatException e) {
                throw invalid(name, "is not a whole percentage");
            }
            if (value < 0 || value > 100) {
                throw invalid(name, "must be between 0 and 100");
            }
            return value;
        });
    }

    /** A boolean, strictly: {@code true/false, yes/no, on/off, 1/0} in any case; the default when absent. */
    public boolean flag(String name, boolean defaultValue) {
        return flag(name).orElse(defaultValue);
    }

    /** As {@link #flag(String, boolean)}, if set. */
    public Optional<Boolean> flag(String name) {
        return text(name).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw invalid(name, "must be true or false");
        });
    }

    /** One of an enum's constants by name, in any case; the default when absent. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.get())) {
                return constant;
            }
        }
        StringBuilder names = new StringBuilder();
        E[] constants = type.getEnumConstants();
        for (int i = 0; i < constants.length; i++) {
            names.append(i == 0 ? "" : i == constants.length - 1 ? " or " : ", ")
                    .append(constants[i].name().toLowerCase(Locale.ROOT));
        }
        throw invalid(name, "must be " + names);
    }

    /** The error for a value of this property that cannot be used, naming the variable, property and value. */
    public InvalidSettingException invalid(String name, String problem) {
        return new InvalidSettingException(name, raw(name).orElse(""), problem);
    }

    /**
     * The value of a set property as a number type ({@code Integer}, {@code Long}, {@code Double}). Here with the
     * conversions MicroProfile Config's built-in converters use ({@code valueOf}); a MicroProfile Config reader uses
     * the converters themselves.
     *
     * @throws IllegalArgumentException (or a subclass) when the value does not convert
     */
    protected <T> T converted(String name, Class<T> type) {
        String text = text(name).orElseThrow();
        Object value;
        if (type == Integer.class) {
            value = Integer.valueOf(text);
        } else if (type == Long.class) {
            value = Long.valueOf(text);
        } else if (type == Double.class) {
            value = Double.valueOf(text);
        } else {
            throw new IllegalArgumentException("no conversion to " + type.getName());
        }
        return type.cast(value);
    }

    private <T> T convert(String name, Class<T> type, String problem) {
        try {
            return converted(name, type);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw invalid(name, problem);
        }
    }
}
