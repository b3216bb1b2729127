package io.merchantdesk.kernel.health;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Quarkus 3.34's Micrometer extension binds Netty's event-executor metrics twice (quarkusio/quarkus#52014), so
 * every start warned "This Gauge has been already registered (netty.eventexecutor.workers)". The gauge is only the
 * number of event loops, a constant of the configuration; denying it prevents the double registration and its
 * warning. Drop this filter when Quarkus fixes the binder.
 */
public class DuplicateGauge {
    @Produces
    @Singleton
    MeterFilter denyDuplicatedNettyWorkers() {
        return MeterFilter.denyNameStartsWith("netty.eventexecutor.workers");
    }
}
