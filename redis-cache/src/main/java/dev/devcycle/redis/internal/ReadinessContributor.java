package dev.devcycle.redis.internal;

import java.util.Map;

/**
 * Data another part of the module adds to the {@code redis} readiness check (the declarative caches: invalidations
 * they could not complete). An interface here rather than a call into the caches, so {@code redis} stays below
 * {@code cache}: the caches implement it, the check finds its implementations as beans.
 */
public interface ReadinessContributor {

    /** This part's data for the check (a {@code warning} among it, if any); empty when there is nothing to say. */
    Map<String, String> readinessData();
}
