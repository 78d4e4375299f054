package dev.devcycle.redis.internal;

import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import dev.devcycle.redis.SettingReader;

/**
 * The module's settings read from MicroProfile Config: raw values (property expressions and profiles resolved,
 * environment variables mapped) and numbers through its converters. Kept apart from {@link SettingReader} so that
 * a reader of plain properties never loads MicroProfile classes (a Liberty shared library has none).
 */
public final class MicroProfileSettings extends SettingReader {

    private final Config config;

    private MicroProfileSettings(Config config) {
        super(name -> config.getOptionalValue(name, String.class));
        this.config = config;
    }

    public static SettingReader of(Config config) {
        return new MicroProfileSettings(config);
    }

    @Override
    protected <T> T converted(String name, Class<T> type) {
        try {
            return config.getValue(name, type);
        } catch (IllegalArgumentException e) {
            // " 5" is 5 for the plain reader: surrounding spaces (common in .env files) must not depend on the source.
            Optional<String> raw = raw(name);
            if (raw.isPresent() && !raw.get().equals(raw.get().trim())) {
                return super.converted(name, type);
            }
            throw e;
        }
    }
}
