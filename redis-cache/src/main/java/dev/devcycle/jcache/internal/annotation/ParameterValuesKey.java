package dev.devcycle.jcache.internal.annotation;

import java.io.Serializable;
import java.util.Arrays;

import javax.cache.annotation.GeneratedCacheKey;

/**
 * The default {@link GeneratedCacheKey}: the key parameters' values, equal by {@link Arrays#deepEquals} and hashed by
 * {@link Arrays#deepHashCode}, as the specification defines the default key. Serializable (the specification asks it
 * of every generated key), so a store-by-value cache can copy it; the values themselves must be serializable then.
 */
public final class ParameterValuesKey implements GeneratedCacheKey, Serializable {

    private static final long serialVersionUID = 1L;

    private final Object[] values;
    private final int hash;

    /** A key of these values, in parameter order; the array is copied. */
    public ParameterValuesKey(Object... values) {
        this.values = values.clone();
        this.hash = Arrays.deepHashCode(this.values);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof ParameterValuesKey key && hash == key.hash
                && Arrays.deepEquals(values, key.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "ParameterValuesKey" + Arrays.deepToString(values);
    }
}
