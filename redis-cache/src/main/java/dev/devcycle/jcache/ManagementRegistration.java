package dev.devcycle.jcache;

import java.lang.management.ManagementFactory;

import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The spec's MXBean names on the platform MBeanServer:
 * {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>}, with {@code :},
 * {@code =}, {@code ,} and newlines replaced by dots.
 */
final class ManagementRegistration {

    static final String CONFIGURATION = "CacheConfiguration";
    static final String STATISTICS = "CacheStatistics";

    private ManagementRegistration() {
    }

    static ObjectName name(String type, String managerUri, String cacheName) {
        try {
            return new ObjectName("javax.cache:type=" + type + ",CacheManager=" + safe(managerUri) + ",Cache="
                    + safe(cacheName));
        } catch (MalformedObjectNameException e) {
            throw new CacheException("Cannot name the MXBean of cache " + cacheName, e);
        }
    }

    static void register(Object bean, ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (!server.isRegistered(name)) {
                server.registerMBean(bean, name);
            }
        } catch (InstanceAlreadyExistsException e) {
            // Registered by a racing call for the same cache: the same name means the same cache.
        } catch (Exception e) {
            throw new CacheException("Cannot register MXBean " + name, e);
        }
    }

    static void unregister(ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (InstanceNotFoundException e) {
            // Already gone.
        } catch (Exception e) {
            throw new CacheException("Cannot unregister MXBean " + name, e);
        }
    }

    private static String safe(String text) {
        return text == null ? "" : text.replaceAll(":|=|\n|,", ".");
    }
}
