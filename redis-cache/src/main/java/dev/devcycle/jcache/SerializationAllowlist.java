package dev.devcycle.jcache;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JEP 290 filter every Java-serialized key and value is read through: only the classes named here may appear in
 * the stream; anything else is rejected before an instance of it exists (and before its class is initialised, see
 * {@link EntryCodec}). Deserializing whatever bytes sit in a shared Redis is how gadget chains run code (the hazard of
 * CVE-2023-42809 in Redisson's codecs), so the list is closed: the JDK's value and collection types, the cache's
 * configured key and value types, and the patterns of {@code jcache.serialization.allow} (JEP 290 syntax: a class
 * name, {@code pkg.*}, {@code pkg.**}, {@code Prefix*}; separated by {@code ;} or {@code ,}).
 */
final class SerializationAllowlist {

    /**
     * The JDK types a cached value is commonly made of; none of them runs code of another class when read. The filter
     * sees both the class in the stream and the object its {@code readResolve} returns (the JDK checks the replacement
     * too): {@code java.time.*} covers {@code java.time.Ser} and the {@code Instant}, {@code LocalDate}, ... it
     * resolves to.
     */
    static final List<String> JDK_TYPES = List.of(
            "java.lang.Object", "java.lang.String", "java.lang.Number", "java.lang.Integer", "java.lang.Long",
            "java.lang.Short", "java.lang.Byte", "java.lang.Double", "java.lang.Float", "java.lang.Boolean",
            "java.lang.Character", "java.lang.Enum", "java.math.BigInteger", "java.math.BigDecimal",
            "java.util.Date", "java.util.UUID", "java.util.Locale", "java.sql.Date", "java.sql.Timestamp",
            "java.sql.Time", "java.time.*", "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet",
            "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.EnumMap", "java.util.EnumSet*",
            "java.util.RegularEnumSet", "java.util.JumboEnumSet", "java.util.Arrays$ArrayList",
            "java.util.CollSer", "java.util.ImmutableCollections$*", "java.util.Collections$Unmodifiable*",
            "java.util.Collections$Synchronized*", "java.util.Collections$Empty*",
            "java.util.Collections$Singleton*", "java.util.Collections$ReverseComparator",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$Segment",
            "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.atomic.AtomicInteger",
            "java.util.concurrent.atomic.AtomicLong", "java.util.concurrent.locks.ReentrantLock*",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer", "java.util.concurrent.locks.AbstractOwnableSynchronizer");

    /**
     * The module's own serialized type: the default key of the standard annotations ({@code @CacheResult} without a
     * key generator), the parameter values of one call, each of them checked by this same filter.
     */
    static final List<String> MODULE_TYPES = List.of("dev.devcycle.jcache.internal.annotation.ParameterValuesKey");

    /** Deep object graphs are a denial-of-service shape, not a cache value. */
    static final String LIMITS = "maxdepth=64";

    private final List<String> patterns;
    private final ObjectInputFilter filter;

    private SerializationAllowlist(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.filter = ObjectInputFilter.Config.createFilter(LIMITS + ";" + String.join(";", patterns) + ";!*");
    }

    /**
     * The allowlist of one cache.
     *
     * @param keyType   the configured key type ({@code Object} adds nothing)
     * @param valueType the configured value type
     * @param extra     patterns from the configuration, already split
     */
    static SerializationAllowlist of(Class<?> keyType, Class<?> valueType, List<String> extra) {
        Set<String> all = new LinkedHashSet<>(JDK_TYPES);
        all.addAll(MODULE_TYPES);
        addType(all, keyType);
        addType(all, valueType);
        all.addAll(extra);
        return new SerializationAllowlist(new ArrayList<>(all));
    }

    /** Splits a {@code jcache.serialization.allow} value; every part must be a class name or a JEP 290 pattern. */
    static List<String> parse(String property, String raw) {
        List<String> parts = new ArrayList<>();
        for (String part : raw.split("[;,]")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (!p.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]*(\\.\\*\\*?|\\*)?") || p.startsWith("!") || p.contains("=")) {
                throw new JCacheConfigurationException(property, raw, "'" + p
                        + "' is not a class name or a pattern such as com.example.Value, com.example.*,"
                        + " com.example.** or com.example.Value*");
            }
            parts.add(p);
        }
        return parts;
    }

    private static void addType(Set<String> all, Class<?> type) {
        if (type == null || type == Object.class || type.isPrimitive()) {
            return;
        }
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (!c.isPrimitive()) {
            all.add(c.getName());
        }
    }

    /** A filter for one stream that remembers the class it rejected, so the error can name it. */
    Recorder recorder() {
        return new Recorder(filter);
    }

    /** Delegates to the allowlist and keeps the first class it rejected. */
    static final class Recorder implements ObjectInputFilter {
        private final ObjectInputFilter delegate;
        private String rejected;

        Recorder(ObjectInputFilter delegate) {
            this.delegate = delegate;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Status status = delegate.checkInput(info);
            if (status == Status.REJECTED && rejected == null) {
                rejected = info.serialClass() != null ? info.serialClass().getName()
                        : "a stream over the limits (" + LIMITS + ")";
            }
            return status;
        }

        String rejected() {
            return rejected;
        }
    }

    List<String> patterns() {
        return patterns;
    }
}
