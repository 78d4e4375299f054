package dev.devcycle.session;

import java.time.Clock;

import org.eclipse.microprofile.config.Config;

import dev.devcycle.session.store.SessionIdGenerator;
import dev.devcycle.session.store.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import redis.clients.jedis.UnifiedJedis;

/** Produces the authentication settings and the session store over the application's one Redis client. */
@ApplicationScoped
public class SessionProducer {

    @Inject
    Config config;

    @Produces
    @Singleton
    AuthSettings settings() {
        return AuthSettings.from(name -> config.getOptionalValue(name, String.class));
    }

    @Produces
    @Singleton
    SessionStore store(UnifiedJedis redis, AuthSettings settings) {
        return new SessionStore(redis, Clock.systemUTC(), settings.clockSkew());
    }

    @Produces
    @Singleton
    LoginThrottle loginThrottle(UnifiedJedis redis, AuthSettings settings) {
        return new LoginThrottle(redis, settings.loginLimits());
    }

    @Produces
    @Singleton
    SessionIdGenerator sessionIds() {
        return new SessionIdGenerator();
    }

    /** A malformed AUTH_* value stops the deployment with a message naming it, instead of failing a login. */
    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event, AuthSettings settings) {
        // Injecting the settings is the check.
    }
}
