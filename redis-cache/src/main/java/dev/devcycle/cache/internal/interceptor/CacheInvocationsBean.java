package dev.devcycle.cache.internal.interceptor;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.devcycle.cache.internal.CacheRegistry;

/** The application's one {@link CacheInvocations}, shared by the interceptors so methods are resolved once. */
@ApplicationScoped
public class CacheInvocationsBean {

    @Inject
    CacheRegistry caches;

    private CacheInvocations invocations;

    @PostConstruct
    void init() {
        invocations = new CacheInvocations(caches::readThrough, caches::settings);
    }

    public CacheInvocations invocations() {
        return invocations;
    }
}
