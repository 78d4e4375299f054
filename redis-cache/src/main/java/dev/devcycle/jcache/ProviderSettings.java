package dev.devcycle.jcache;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The settings of one cache manager, looked up in this order (docs/jcache.md, "Configuration"):
 * <ol>
 * <li>the URI: {@code redis://host:port/db} or {@code rediss://...} (TLS) give host, port and database, and its query
 * ({@code ?redis.mode=cluster&...}) any property;</li>
 * <li>the vendor properties of {@code getCacheManager(uri, loader, properties)};</li>
 * <li>MicroProfile Config of the manager's class loader, when the API is present (it covers system properties and
 * environment variables itself);</li>
 * <li>otherwise system properties, then environment variables ({@code redis.host} as {@code REDIS_HOST}, mapped the
 * way MicroProfile Config maps them).</li>
 * </ol>
 * The URI and the properties are checked whole: an unknown name there is an error naming it, as is a value that is
 * not a string; the module's parsers reject malformed values with a message naming them. Nothing falls back to a
 * default silently.
 */
final class ProviderSettings implements Function<String, Optional<String>> {

    static final String NAMESPACE = "jcache.namespace";
    static final String SERIALIZATION_ALLOW = "jcache.serialization.allow";
    static final String CACHE_PREFIX = "jcache.cache.";
    static final String CACHE_SERIALIZATION_ALLOW = ".serialization.allow";
    static final Set<String> OWN_PROPERTIES = Set.of(NAMESPACE, SERIALIZATION_ALLOW);

    static final String MSG_UNKNOWN = "is not a setting of the devcycle JCache provider (known: the redis.* settings,"
            + " cache.timeout, jcache.namespace, jcache.serialization.allow, jcache.cache.<name>.serialization.allow;"
            + " docs/jcache.md)";

    private final Map<String, String> explicit;
    private final Function<String, Optional<String>> fallback;
    private final String namespace;

    private ProviderSettings(Map<String, String> explicit, Function<String, Optional<String>> fallback,
                             String defaultNamespace) {
        this.explicit = explicit;
        this.fallback = fallback;
        this.namespace = lookup(NAMESPACE).map(String::trim).filter(s -> !s.isEmpty()).orElse(defaultNamespace);
        // Malformed allowlists fail when the manager is made, not when a cache first reads a serialized value.
        for (Map.Entry<String, String> e : explicit.entrySet()) {
            if (e.getKey().endsWith(CACHE_SERIALIZATION_ALLOW)) {
                SerializationAllowlist.parse(e.getKey(), e.getValue());
            }
        }
        lookup(SERIALIZATION_ALLOW).ifPresent(raw -> SerializationAllowlist.parse(SERIALIZATION_ALLOW, raw));
    }

    static ProviderSettings of(URI uri, Properties properties, ClassLoader loader) {
        Map<String, String> explicit = new HashMap<>();
        String defaultNamespace = fromUri(uri, explicit);
        for (String name : properties.stringPropertyNames()) {
            check(name, properties.getProperty(name), "vendor property");
            explicit.put(name, properties.getProperty(name));
        }
        for (Object name : properties.keySet()) {
            if (!(name instanceof String) || !(properties.get(name) instanceof String)) {
                throw new JCacheConfigurationException(String.valueOf(name), String.valueOf(properties.get(name)),
                        "vendor properties must be strings");
            }
        }
        Function<String, Optional<String>> fallback = null;
        if (MicroProfileConfigLookup.available()) {
            fallback = MicroProfileConfigLookup.forLoader(loader).orElse(null);
        }
        if (fallback == null) {
            fallback = ProviderSettings::systemOrEnvironment;
        }
        return new ProviderSettings(explicit, fallback, defaultNamespace);
    }

    @Override
    public Optional<String> apply(String name) {
        return lookup(name);
    }

    private Optional<String> lookup(String name) {
        String value = explicit.get(name);
        return value != null ? Optional.of(value) : fallback.apply(name);
    }

    String namespace() {
        return namespace;
    }

    /** The allowlist patterns of a cache: the manager-wide ones, then the cache's own. */
    List<String> serializationAllow(String cacheName) {
        List<String> all = new java.util.ArrayList<>();
        lookup(SERIALIZATION_ALLOW).ifPresent(raw -> all.addAll(SerializationAllowlist.parse(SERIALIZATION_ALLOW, raw)));
        String own = CACHE_PREFIX + cacheName + CACHE_SERIALIZATION_ALLOW;
        lookup(own).ifPresent(raw -> all.addAll(SerializationAllowlist.parse(own, raw)));
        return all;
    }

    /** Reads host, port, database and query of a redis:// URI; returns the namespace the URI implies. */
    private static String fromUri(URI uri, Map<String, String> into) {
        if (uri.equals(RedisCachingProvider.DEFAULT_URI)) {
            return "default";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isOpaque() && uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                check(name, value, "URI parameter");
                if (name.contains("password")) {
                    throw new JCacheConfigurationException(name, "***", "a password does not belong in the URI, which"
                            + " appears in MBean names and logs; pass it as a vendor property or REDIS_PASSWORD");
                }
                into.put(name, value);
            }
        }
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            String text = uri.toString();
            int query = uri.isOpaque() ? -1 : text.indexOf('?');
            return query < 0 ? text : text.substring(0, query);
        }
        if (uri.getRawUserInfo() != null) {
            throw new JCacheConfigurationException("uri", uri.getScheme() + "://***@" + uri.getHost(),
                    "credentials do not belong in the URI, which appears in MBean names and logs; pass"
                            + " redis.username and redis.password as vendor properties or environment variables");
        }
        if (uri.getHost() != null) {
            into.put(ProviderRedisClient.HOST, uri.getHost());
        }
        if (uri.getPort() != -1) {
            into.put(ProviderRedisClient.PORT, String.valueOf(uri.getPort()));
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            into.put(ProviderRedisClient.DB, path.substring(1));
        }
        if (scheme.equals("rediss")) {
            into.put(ProviderRedisClient.SSL, "true");
        }
        return "default";
    }

    /**
     * A name in the provider's own namespaces ({@code redis.}, {@code jcache.}, {@code cache.}) must be one it knows,
     * so a typo fails; other names belong to someone else (the server, another library) and are left alone.
     */
    private static void check(String name, String value, String where) {
        if (ProviderRedisClient.PROPERTIES.contains(name) || OWN_PROPERTIES.contains(name)) {
            return;
        }
        if (!name.startsWith("redis.") && !name.startsWith("jcache.") && !name.startsWith("cache.")) {
            return;
        }
        if (name.startsWith(CACHE_PREFIX) && name.endsWith(CACHE_SERIALIZATION_ALLOW)
                && name.length() > CACHE_PREFIX.length() + CACHE_SERIALIZATION_ALLOW.length()) {
            return;
        }
        throw new JCacheConfigurationException(name, name.contains("password") ? "***" : value,
                where + " " + MSG_UNKNOWN);
    }

    /** Without MicroProfile Config: a system property, else the environment variable as MicroProfile maps it. */
    static Optional<String> systemOrEnvironment(String name) {
        String value = System.getProperty(name);
        if (value != null) {
            return Optional.of(value);
        }
        value = System.getenv(name);
        if (value != null) {
            return Optional.of(value);
        }
        String sanitized = name.replaceAll("[^A-Za-z0-9_]", "_");
        value = System.getenv(sanitized);
        if (value != null) {
            return Optional.of(value);
        }
        return Optional.ofNullable(System.getenv(sanitized.toUpperCase(Locale.ROOT)));
    }
}
