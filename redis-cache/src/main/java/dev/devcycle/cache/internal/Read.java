package dev.devcycle.cache.internal;

/** The outcome of reading one key of a declarative cache. */
record Read(boolean hit, Object value, boolean failed) {

    static final Read MISS = new Read(false, null, false);
    /** Redis failed: the caller loads without spending more timeouts on Redis in this call. */
    static final Read FAILED = new Read(false, null, true);

    static Read hit(Object value) {
        return new Read(true, value, false);
    }

    /** A hit of what {@link StoredValues#decodeEntry} returned, or a miss for an unusable entry. */
    static Read of(Object decoded) {
        return decoded == StoredValues.UNREADABLE ? MISS : hit(decoded);
    }
}
