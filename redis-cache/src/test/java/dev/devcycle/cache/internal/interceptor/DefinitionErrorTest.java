package dev.devcycle.cache.internal.interceptor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devcycle.cache.CacheResult;
import dev.devcycle.testsupport.CacheTestContainer;
import dev.devcycle.testsupport.RedisServerExtension;

/** Annotations the caching cannot serve fail the deployment with a message naming the method. */
class DefinitionErrorTest {

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension();

    @ApplicationScoped
    public static class VoidResult {
        @CacheResult(cacheName = "broken")
        public void refresh(String id) {
        }
    }

    @ApplicationScoped
    public static class ObjectKey {
        @CacheResult(cacheName = "broken")
        public String lookup(Object filter) {
            return "x";
        }
    }

    @ApplicationScoped
    public static class ListKey {
        @CacheResult(cacheName = "broken")
        public String lookup(List<String> ids) {
            return "x";
        }
    }

    private static String deploymentError(Class<?> bean) {
        CacheTestContainer.configure(redis, Map.of());
        RuntimeException e = assertThrows(RuntimeException.class, () -> CacheTestContainer.start(bean).close());
        return CacheConfigurationTest.causes(e);
    }

    @Test
    void voidMethodIsADeploymentError() {
        String message = deploymentError(VoidResult.class);
        assertTrue(message.contains("VoidResult.refresh(String)") && message.contains("void"), message);
    }

    @Test
    void unrenderableKeyParameterIsADeploymentError() {
        String message = deploymentError(ObjectKey.class);
        assertTrue(message.contains("ObjectKey.lookup(Object)") && message.contains("filter"), message);
        message = deploymentError(ListKey.class);
        assertTrue(message.contains("ListKey.lookup(List)"), message);
    }
}
