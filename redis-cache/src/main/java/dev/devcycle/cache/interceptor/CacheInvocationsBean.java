package dev.devcycle.cache.interceptor;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.devcycle.cache.NamedCaches;

/** The application's one {@link CacheInvocations}, shared by the interceptors so methods are resolved once. */
@ApplicationScoped
public class CacheInvocationsBean {

    @Inject
    NamedCaches caches;

    private CacheInvocations invocations;

    @PostConstruct
    void init() {
        invocations = new CacheInvocations(caches::cache, caches::settings);
    }

    public CacheInvocations invocations() {
        return invocations;
    }
}
