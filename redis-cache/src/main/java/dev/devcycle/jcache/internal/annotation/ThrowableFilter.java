package dev.devcycle.jcache.internal.annotation;

import java.util.List;

/**
 * Which exceptions an annotation acts on, from its include and exclude lists ({@code cachedExceptions} /
 * {@code nonCachedExceptions}, {@code cacheFor} / {@code noCacheFor}, {@code evictFor} / {@code noEvictFor}), by the
 * four rules the annotations' javadoc states: both lists empty gives the annotation's own default; only an include
 * list: instances of one of them; only an exclude list: everything else; both: included and not excluded.
 */
final class ThrowableFilter {

    private final List<Class<? extends Throwable>> included;
    private final List<Class<? extends Throwable>> excluded;
    private final boolean whenBothEmpty;

    ThrowableFilter(Class<? extends Throwable>[] included, Class<? extends Throwable>[] excluded,
                    boolean whenBothEmpty) {
        this.included = List.of(included);
        this.excluded = List.of(excluded);
        this.whenBothEmpty = whenBothEmpty;
    }

    boolean test(Throwable thrown) {
        if (included.isEmpty() && excluded.isEmpty()) {
            return whenBothEmpty;
        }
        boolean in = included.isEmpty() || instanceOfAny(thrown, included);
        return in && !instanceOfAny(thrown, excluded);
    }

    private static boolean instanceOfAny(Throwable thrown, List<Class<? extends Throwable>> types) {
        for (Class<? extends Throwable> type : types) {
            if (type.isInstance(thrown)) {
                return true;
            }
        }
        return false;
    }
}
