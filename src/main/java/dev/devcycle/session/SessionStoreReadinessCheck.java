package dev.devcycle.session;

import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.devcycle.redis.DetailedHealthCheck;
import dev.devcycle.redis.HealthDetails;
import dev.devcycle.redis.RedisInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;

/**
 * Whether Redis may evict the session state: every session key has a TTL, so any eviction policy but
 * {@code noeviction} can remove sessions (their users are logged out) and {@code jwt_blacklist:} entries (a token the
 * Python services revoked is then accepted here again while its session lives). Always UP: the service works, the
 * {@code warning} tells the operator to use {@code noeviction} or a Redis of its own for sessions. The data follows
 * {@link HealthDetails}.
 */
@Readiness
@ApplicationScoped
public class SessionStoreReadinessCheck implements DetailedHealthCheck {

    static final String NAME = "session-store";
    static final String MSG_EVICTION = "Redis may evict session and revocation keys (maxmemory-policy {0} with "
            + "maxmemory set): users can be logged out, and a token revoked by the Python services accepted again; "
            + "use maxmemory-policy noeviction, or a Redis of its own for sessions";

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(SessionStoreReadinessCheck.class.getName());

    @Inject
    UnifiedJedis redis;

    /** The policy last warned about in the log, so a probe every few seconds does not repeat it. */
    private volatile String warnedPolicy;

    @Inject
    @ConfigProperty(name = HealthDetails.PROPERTY, defaultValue = "when-authorized")
    String showDetails;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse full = call(true);
        full.getData().map(d -> d.get("warning")).ifPresent(w -> {
            String policy = String.valueOf(full.getData().get().get("maxmemory_policy"));
            if (!policy.equals(warnedPolicy)) {
                warnedPolicy = policy;
                LOG.warning(String.valueOf(w));
            }
        });
        return showDetails == null || HealthDetails.parse(showDetails).publicDetails() ? full : call(false);
    }

    /** With every detail (for an administrator), or the status only. */
    @Override
    public HealthCheckResponse call(boolean details) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        if (!details) {
            return response.build();
        }
        try {
            Map<String, String> memory = RedisInfo.parse(redis.info("memory"));
            String policy = memory.getOrDefault("maxmemory_policy", "unknown");
            response.withData("maxmemory_policy", policy);
            warning(policy, memory.get("maxmemory")).ifPresent(w -> response.withData("warning", w));
        } catch (RuntimeException e) {
            // The redis check reports the outage; this one only knows less.
            response.withData("maxmemory_policy", "unknown");
        }
        return response.build();
    }

    /** The warning for a policy and a maxmemory ({@code 0}: no limit, so nothing is ever evicted). */
    static java.util.Optional<String> warning(String policy, String maxmemory) {
        boolean limited = maxmemory != null && !maxmemory.trim().equals("0");
        if (!limited || "noeviction".equals(policy)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(java.text.MessageFormat.format(MSG_EVICTION, policy));
    }
}
