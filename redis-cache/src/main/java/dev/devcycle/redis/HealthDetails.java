package dev.devcycle.redis;

import java.util.Locale;

/**
 * Who sees the data of the Redis health checks ({@code health.show.details}, environment {@code HEALTH_SHOW_DETAILS}),
 * like Spring Boot Actuator's {@code show-details}. The status is always public: a load balancer needs it. The data
 * (host, port, version, memory, the error text of an outage) tells an attacker where Redis is and what runs there.
 */
public enum HealthDetails {
    /** Everyone, on {@code /health/*}. */
    ALWAYS,
    /**
     * {@code /health/*} shows the status, the topology mode and the circuit state only; the full data is at an
     * endpoint for authenticated administrators (the service's {@code GET /api/health}). The default.
     */
    WHEN_AUTHORIZED,
    /** Nobody: the status, the mode and the circuit state only, everywhere. */
    NEVER;

    public static final String PROPERTY = "health.show.details";

    /** Whether anonymous {@code /health/*} requests get the full data. */
    public boolean publicDetails() {
        return this == ALWAYS;
    }

    public static HealthDetails parse(String value) {
        if (value == null || value.isBlank()) {
            return WHEN_AUTHORIZED;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "always" -> ALWAYS;
            case "when-authorized", "when_authorized" -> WHEN_AUTHORIZED;
            case "never" -> NEVER;
            default -> throw new InvalidSettingException(PROPERTY, value, "must be always, when-authorized or never");
        };
    }
}
