package dev.devcycle.jcache;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Closes the user objects a cache made from its factories (loader, writer, expiry policy, listeners) if they can be. */
final class Closing {

    private static final Logger LOG = Logger.getLogger(Closing.class.getName());
    private static final String MSG_CLOSE_FAILED = "Closing {0} of JCache cache {1} failed";

    private Closing() {
    }

    static void close(Object resource, String cacheName) {
        if (resource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, MSG_CLOSE_FAILED, new Object[] {resource.getClass().getName(), cacheName});
            }
        }
    }
}
