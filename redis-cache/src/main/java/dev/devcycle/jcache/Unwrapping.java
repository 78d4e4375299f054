package dev.devcycle.jcache;

import redis.clients.jedis.UnifiedJedis;

/** {@code unwrap} of the manager and the caches: to the provider's own class, or to the Jedis client underneath. */
final class Unwrapping {

    static final String MSG_UNWRAP = "A %s cannot be unwrapped to %s (only to itself or to the Jedis client)";

    private Unwrapping() {
    }

    static <T> T unwrap(Object self, UnifiedJedis client, Class<T> clazz) {
        if (clazz.isAssignableFrom(self.getClass())) {
            return clazz.cast(self);
        }
        if (clazz.isInstance(client)) {
            return clazz.cast(client);
        }
        throw new IllegalArgumentException(String.format(MSG_UNWRAP, self.getClass().getSimpleName(),
                clazz.getName()));
    }
}
