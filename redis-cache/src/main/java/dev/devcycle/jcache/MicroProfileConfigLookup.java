package dev.devcycle.jcache;

import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Settings from MicroProfile Config, when the application has it. This class names the MicroProfile Config API, so it
 * is loaded only after {@link #available()} found the API: in a Liberty server-level shared library (sessionCache-1.0)
 * there is none, and the provider must work without it.
 */
final class MicroProfileConfigLookup {

    private static final String API_CLASS = "org.eclipse.microprofile.config.ConfigProvider";

    private MicroProfileConfigLookup() {
    }

    static boolean available() {
        try {
            Class.forName(API_CLASS, false, MicroProfileConfigLookup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The application's configuration, or empty when the API is there but no implementation answers. */
    static Optional<Function<String, Optional<String>>> forLoader(ClassLoader loader) {
        try {
            Config config = ConfigProvider.getConfig(loader);
            return Optional.of(name -> config.getOptionalValue(name, String.class));
        } catch (IllegalStateException | java.util.ServiceConfigurationError e) {
            return Optional.empty();
        }
    }
}
