package dev.devcycle.redis;

/**
 * A configuration value that cannot be used; the message names the environment variable, the property and the value,
 * e.g. {@code Invalid configuration REDIS_PORT (redis.port) = 'abc': is not a whole number}. Thrown when the
 * application starts, so a misconfigured deployment fails then, not on the first cache call.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String property, String value, String problem) {
        super("Invalid configuration " + SettingReader.environmentName(property) + " (" + property + ") = '" + value
                + "': " + problem);
    }
}
