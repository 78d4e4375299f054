package dev.devcycle.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Alive unless the heap is nearly exhausted. Never consults Redis: a Redis outage must not turn into a restart loop.
 */
@Liveness
@ApplicationScoped
public class ApplicationLivenessCheck implements HealthCheck {

    static final String NAME = "heap-memory";
    static final double MAX_HEAP_FRACTION = 0.95;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        double fraction = (double) heap.getUsed() / max;
        return HealthCheckResponse.named(NAME).status(fraction < MAX_HEAP_FRACTION)
                .withData("used_bytes", heap.getUsed())
                .withData("max_bytes", max)
                .build();
    }
}
