package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheInvocationParameter;

/**
 * One intercepted call as a {@link javax.cache.annotation.CacheResolver} sees it: the method's static details, the
 * target and the arguments. {@link #unwrap} also reaches the container's own invocation object (in CDI the
 * {@code jakarta.interceptor.InvocationContext}).
 */
class MethodInvocation<A extends Annotation> implements CacheInvocationContext<A> {

    private static final String CANNOT_UNWRAP = "Cannot unwrap a cache invocation context to %s";

    private final CacheMethodDescriptor<A> descriptor;
    private final Object target;
    private final Object invocation;
    private final CacheInvocationParameter[] parameters;

    MethodInvocation(CacheMethodDescriptor<A> descriptor, Object target, Object[] arguments, Object invocation) {
        this.descriptor = descriptor;
        this.target = target;
        this.invocation = invocation;
        List<ParameterDescriptor> described = descriptor.parameters();
        this.parameters = new CacheInvocationParameter[described.size()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = new InvocationParameter(described.get(i), arguments[i]);
        }
    }

    @Override
    public Method getMethod() {
        return descriptor.getMethod();
    }

    @Override
    public Set<Annotation> getAnnotations() {
        return descriptor.getAnnotations();
    }

    @Override
    public A getCacheAnnotation() {
        return descriptor.getCacheAnnotation();
    }

    @Override
    public String getCacheName() {
        return descriptor.getCacheName();
    }

    @Override
    public Object getTarget() {
        return target;
    }

    @Override
    public CacheInvocationParameter[] getAllParameters() {
        return parameters.clone();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        if (invocation != null && type.isInstance(invocation)) {
            return type.cast(invocation);
        }
        throw new IllegalArgumentException(String.format(CANNOT_UNWRAP, type.getName()));
    }

    CacheMethodDescriptor<A> descriptor() {
        return descriptor;
    }

    CacheInvocationParameter parameter(int position) {
        return parameters[position];
    }
}
