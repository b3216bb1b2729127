package io.merchantdesk.sync.remote;

import io.merchantdesk.sync.engine.ErpUnavailableException;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Retries with back-off and a circuit breaker around the remote adapters' calls, from SmallRye Fault Tolerance (Quarkus'
 * own). One guard per ERP company, so one ERP's outage opens only its own breaker. A guarded call must be safe to
 * repeat: reads are; the adapters' creates look their references up first and their updates write values, so a
 * retried write whose first answer was lost finds what it did. Time-outs are the transport's (connect and request
 * time-outs of each client), whose expiry arrives here as an {@link ErpUnavailableException}.
 */
@ApplicationScoped
public class ErpGuards {
    @ConfigProperty(name = "merchantdesk.sync.erp.retries", defaultValue = "3")
    int retries;

    @ConfigProperty(name = "merchantdesk.sync.erp.retry-delay", defaultValue = "PT0.2S")
    Duration retryDelay;

    @ConfigProperty(name = "merchantdesk.sync.erp.breaker-delay", defaultValue = "PT30S")
    Duration breakerDelay;

    private final Map<UUID, Guard> guards = new ConcurrentHashMap<>();

    /** Runs the call under the company's guard; an open breaker is an {@link ErpUnavailableException} (nothing sent). */
    public <T> T call(UUID erpCompanyId, Supplier<T> call) {
        Guard guard = guards.computeIfAbsent(erpCompanyId, id -> build());
        try {
            @SuppressWarnings("unchecked")
            T result = (T) guard.get(call::get, Object.class);
            return result;
        } catch (CircuitBreakerOpenException e) {
            throw new ErpUnavailableException("The ERP failed repeatedly; calls pause for " + breakerDelay.toSeconds()
                    + " s (circuit breaker open)", false, e);
        }
    }

    private Guard build() {
        return Guard.create()
                .withRetry().maxRetries(retries).delay(retryDelay.toMillis(), ChronoUnit.MILLIS).retryOn(ErpUnavailableException.class)
                .withExponentialBackoff().factor(2).maxDelay(10, ChronoUnit.SECONDS).done()
                .done()
                .withCircuitBreaker().requestVolumeThreshold(10).failureRatio(0.8).delay(breakerDelay.toMillis(), ChronoUnit.MILLIS)
                .failOn(ErpUnavailableException.class).done()
                .build();
    }

    /** Forgets the breaker state of a company (its connection settings changed). */
    public void reset(UUID erpCompanyId) {
        guards.remove(erpCompanyId);
    }
}
