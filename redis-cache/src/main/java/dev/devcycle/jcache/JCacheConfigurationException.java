package dev.devcycle.jcache;

import javax.cache.CacheException;

/** A setting of the provider that cannot be used: the message names the property and the value. */
final class JCacheConfigurationException extends CacheException {

    private static final long serialVersionUID = 1L;

    static final String MSG = "Invalid JCache configuration %s = '%s': %s";

    JCacheConfigurationException(String property, String value, String problem) {
        super(String.format(MSG, property, value, problem));
    }

    JCacheConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
