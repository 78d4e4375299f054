package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;

import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/** The four JSR-107 method annotations this package intercepts, with what tells them apart. */
public enum CacheAnnotationKind {

    /** {@link CacheResult}: look up, else invoke and store the result. */
    RESULT(CacheResult.class, true),
    /** {@link CachePut}: store the {@code @CacheValue} argument. */
    PUT(CachePut.class, true),
    /** {@link CacheRemove}: remove one key. */
    REMOVE(CacheRemove.class, true),
    /** {@link CacheRemoveAll}: remove every entry of the cache. */
    REMOVE_ALL(CacheRemoveAll.class, false);

    private final Class<? extends Annotation> annotationType;
    private final boolean keyed;

    CacheAnnotationKind(Class<? extends Annotation> annotationType, boolean keyed) {
        this.annotationType = annotationType;
        this.keyed = keyed;
    }

    /** The annotation type, e.g. {@code javax.cache.annotation.CacheResult}. */
    public Class<? extends Annotation> annotationType() {
        return annotationType;
    }

    /** Whether the operation works on one generated key (all but {@link #REMOVE_ALL}). */
    public boolean keyed() {
        return keyed;
    }

    /** The kind of an annotation instance, or {@code null} when it is none of the four. */
    static CacheAnnotationKind of(Annotation annotation) {
        for (CacheAnnotationKind kind : values()) {
            if (kind.annotationType.isInstance(annotation)) {
                return kind;
            }
        }
        return null;
    }
}
