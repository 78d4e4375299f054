package dev.devcycle.jcache;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * A cache's {@link ExpiryPolicy} as Redis time-to-live codes: {@link #KEEP} (leave the entry's expiry as it is),
 * {@link #ETERNAL} (no TTL), {@link #NOW} ({@code Duration.ZERO}: expired at once, so not stored or removed), or a
 * positive number of milliseconds for PX. Redis expires the key itself, so no sweeper runs in the JVM and every
 * instance sees the same expiry.
 *
 * <p>The spec's own policies ({@code Created}, {@code Accessed}, {@code Modified}, {@code Touched},
 * {@code Eternal}ExpiryPolicy, exactly those classes) always answer the same, so they are asked once; that lets the
 * common operations run as one Redis command. Any other policy is asked per operation, exactly the question the
 * operation raises (creation, update or access), which needs the entry's presence first. A policy that throws, or
 * answers null for a creation, gives the spec's defaults: eternal for a creation, unchanged otherwise.
 */
final class ExpiryRules {

    static final long KEEP = -2;
    static final long ETERNAL = -1;
    static final long NOW = 0;

    private static final Set<Class<?>> FIXED = Set.of(CreatedExpiryPolicy.class, AccessedExpiryPolicy.class,
            ModifiedExpiryPolicy.class, TouchedExpiryPolicy.class, EternalExpiryPolicy.class);

    private final ExpiryPolicy policy;
    private final boolean fixed;
    private final long creation;
    private final long update;
    private final long access;

    ExpiryRules(ExpiryPolicy policy) {
        this.policy = policy;
        this.fixed = FIXED.contains(policy.getClass());
        this.creation = fixed ? creation(policy) : 0;
        this.update = fixed ? other(policy, Kind.UPDATE) : 0;
        this.access = fixed ? other(policy, Kind.ACCESS) : 0;
    }

    /** Whether the answers are known without asking the policy (one of the spec's own policies). */
    boolean fixed() {
        return fixed;
    }

    ExpiryPolicy policy() {
        return policy;
    }

    long forCreation() {
        return fixed ? creation : creation(policy);
    }

    long forUpdate() {
        return fixed ? update : other(policy, Kind.UPDATE);
    }

    long forAccess() {
        return fixed ? access : other(policy, Kind.ACCESS);
    }

    private enum Kind { UPDATE, ACCESS }

    private static long creation(ExpiryPolicy policy) {
        try {
            Duration d = policy.getExpiryForCreation();
            return d == null ? ETERNAL : code(d);
        } catch (RuntimeException e) {
            return ETERNAL;
        }
    }

    private static long other(ExpiryPolicy policy, Kind kind) {
        try {
            Duration d = kind == Kind.UPDATE ? policy.getExpiryForUpdate() : policy.getExpiryForAccess();
            return d == null ? KEEP : code(d);
        } catch (RuntimeException e) {
            return KEEP;
        }
    }

    static long code(Duration d) {
        if (d.isEternal()) {
            return ETERNAL;
        }
        if (d.isZero()) {
            return NOW;
        }
        TimeUnit unit = d.getTimeUnit();
        long nanos = unit.toNanos(d.getDurationAmount());
        // Sub-millisecond durations round up: PX takes milliseconds, and 0 would mean "now".
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }
}
