package dev.devcycle.cache.internal.interceptor;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.devcycle.cache.internal.CacheConfig;
import dev.devcycle.cache.internal.CacheRegistry;

/**
 * At start-up: resolves every annotated method (so a malformed {@code cache.*} value stops the deployment with a
 * message naming it), registers the cache names, and warns about configuration that names no cache, which is almost
 * always a typo that would otherwise silently leave the default in force.
 */
@ApplicationScoped
public class DeclaredCaches {

    private static final Logger LOG = Logger.getLogger(DeclaredCaches.class.getName());
    private static final String MSG_UNKNOWN = "Configuration {0} names cache ''{1}'', which no annotated method uses;"
            + " known caches: {2}";
    private static final String MSG_NESTED = "Cache ''{0}'' is a prefix of cache ''{1}'': invalidating all of ''{0}''"
            + " also removes the entries of ''{1}''";
    private static final String MSG_READY = "Declarative caching ready: {0} method(s), caches {1}, key prefix {2}";

    @Inject
    CacheAnnotationExtension extension;

    @Inject
    CacheInvocationsBean invocations;

    @Inject
    CacheRegistry caches;

    @Inject
    Config config;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        Set<Method> methods = extension.methods();
        for (Method method : methods) {
            invocations.invocations().prepare(method);
        }
        Collection<String> names = caches.names();
        warnUnknownConfiguration(config.getPropertyNames(), names);
        warnNested(names);
        LOG.log(Level.INFO, MSG_READY, new Object[] {methods.size(), names, caches.keyPrefix()});
    }

    static void warnUnknownConfiguration(Iterable<String> properties, Collection<String> names) {
        Set<String> reported = new TreeSet<>();
        for (String property : properties) {
            CacheConfig.cacheNameOf(property).filter(name -> !names.contains(name)).ifPresent(name -> {
                if (reported.add(property)) {
                    LOG.log(Level.WARNING, MSG_UNKNOWN, new Object[] {property, name, names});
                }
            });
        }
    }

    static void warnNested(Collection<String> names) {
        for (String outer : names) {
            for (String inner : names) {
                if (inner.startsWith(outer + ":")) {
                    LOG.log(Level.WARNING, MSG_NESTED, new Object[] {outer, inner});
                }
            }
        }
    }
}
