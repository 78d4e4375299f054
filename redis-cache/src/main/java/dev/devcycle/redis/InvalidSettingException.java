package dev.devcycle.redis;

/** A configuration value that cannot be used; the message names the environment variable and the value. */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String property, String value, String problem) {
        super("Invalid configuration " + RedisSettings.envName(property) + " (" + property + ") = '" + value + "': "
                + problem);
    }
}
