package io.merchantdesk.sync.run;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** Runs by outcome, records per second and duration, per kind (served at /q/metrics). */
@ApplicationScoped
public class SyncMetrics {
    @Inject
    MeterRegistry registry;

    void finished(String kind, String outcome, Duration duration, int records) {
        registry.counter("merchantdesk.sync.runs", "kind", kind, "outcome", outcome).increment();
        Timer.builder("merchantdesk.sync.run.duration").tag("kind", kind).tag("outcome", outcome).register(registry).record(duration);
        registry.counter("merchantdesk.sync.records", "kind", kind).increment(records);
        double seconds = Math.max(duration.toMillis(), 1) / 1000.0;
        DistributionSummary.builder("merchantdesk.sync.records.per.second").tag("kind", kind).register(registry).record(records / seconds);
    }
}
