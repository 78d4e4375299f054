package dev.devcycle.redis;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A health check whose data can be withheld from anonymous callers ({@link HealthDetails}): the module's {@code redis}
 * readiness check is one. {@link #call()} answers {@code /health/*} as {@code health.show.details} allows;
 * {@link #call(boolean) call(true)} gives every detail, for an application's own administrator endpoint:
 *
 * <pre>{@code
 * @Inject @Readiness Instance<DetailedHealthCheck> checks;   // the qualifier: health checks are beans of it only
 * checks.forEach(check -> render(check.call(true)));
 * }</pre>
 */
public interface DetailedHealthCheck extends HealthCheck {

    /**
     * The check with every detail, or with the status and what {@link HealthDetails} calls public data only (no
     * address, version, memory figures or error text).
     */
    HealthCheckResponse call(boolean details);
}
