package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;
import java.util.Set;

/** One parameter of an annotated method as the key generator sees it: type, annotations, position. */
record ParameterDescriptor(Class<?> rawType, Set<Annotation> annotations, int position) {
}
