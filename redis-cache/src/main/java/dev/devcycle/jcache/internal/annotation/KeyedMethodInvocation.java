package dev.devcycle.jcache.internal.annotation;

import java.lang.annotation.Annotation;

import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyInvocationContext;

/**
 * One intercepted call of a {@code @CacheResult}, {@code @CachePut} or {@code @CacheRemove} method as a
 * {@link javax.cache.annotation.CacheKeyGenerator} sees it: besides the call, the key parameters and the value one.
 */
final class KeyedMethodInvocation<A extends Annotation> extends MethodInvocation<A>
        implements CacheKeyInvocationContext<A> {

    private final CacheInvocationParameter[] keyParameters;

    KeyedMethodInvocation(CacheMethodDescriptor<A> descriptor, Object target, Object[] arguments, Object invocation) {
        super(descriptor, target, arguments, invocation);
        int[] positions = descriptor.keyPositions();
        keyParameters = new CacheInvocationParameter[positions.length];
        for (int i = 0; i < positions.length; i++) {
            keyParameters[i] = parameter(positions[i]);
        }
    }

    @Override
    public CacheInvocationParameter[] getKeyParameters() {
        return keyParameters.clone();
    }

    @Override
    public CacheInvocationParameter getValueParameter() {
        int position = descriptor().valuePosition();
        return position < 0 ? null : parameter(position);
    }
}
