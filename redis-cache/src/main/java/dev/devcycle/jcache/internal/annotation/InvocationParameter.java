package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;
import java.util.Set;

import javax.cache.annotation.CacheInvocationParameter;

/** A parameter of one intercepted call: its static description and the argument passed. */
record InvocationParameter(ParameterDescriptor descriptor, Object value) implements CacheInvocationParameter {

    @Override
    public Class<?> getRawType() {
        return descriptor.rawType();
    }

    @Override
    public Object getValue() {
        return value;
    }

    @Override
    public Set<Annotation> getAnnotations() {
        return descriptor.annotations();
    }

    @Override
    public int getParameterPosition() {
        return descriptor.position();
    }
}
