package io.merchantdesk.sync.businesscentral;

import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.remote.ErpGuards;
import io.merchantdesk.sync.remote.ErpTarget;
import io.merchantdesk.sync.remote.SyncWritesRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Business Central (API v2.0) behind the ERP port: a session is one {@link BusinessCentralClient} (its token cached
 * until shortly before it expires) with the company's guard ({@link ErpGuards}) around every call and the sync's own
 * writes remembered for SYNC-19 ({@link SyncWritesRepository}). Contract-tested against the test tree's
 * {@code BusinessCentralSimulator}; it has not run against a live tenant (docs/sync.md, "Business Central adapter").
 */
@ApplicationScoped
public class BusinessCentralErpAdapter {
    @Inject
    ErpGuards guards;

    @Inject
    SyncWritesRepository syncWrites;

    /** How late a write may commit after the time BC stamps on it and still be found (BC ends requests after 10 minutes). */
    @ConfigProperty(name = "merchantdesk.sync.business-central.overlap", defaultValue = "PT10M")
    Duration overlap;

    @ConfigProperty(name = "merchantdesk.sync.business-central.connect-timeout", defaultValue = "PT5S")
    Duration connectTimeout;

    /** A $batch of 100 creates takes BC a while; BC itself gives up on a request after 10 minutes. */
    @ConfigProperty(name = "merchantdesk.sync.business-central.request-timeout", defaultValue = "PT2M")
    Duration requestTimeout;

    /** OData's {@code in} needs BC 24 (2024 release wave 1); false sends {@code or} chains for older on-premises versions. */
    @ConfigProperty(name = "merchantdesk.sync.business-central.in-operator", defaultValue = "true")
    boolean inOperator;

    /** The longest BC's {@code Retry-After} is waited for before a retry (a longer one is cut to this). */
    @ConfigProperty(name = "merchantdesk.sync.business-central.max-retry-after", defaultValue = "PT30S")
    Duration maxRetryAfter;

    /** A session with the company's Business Central; nothing is sent until the first call (then the token is fetched). */
    public ErpSession open(ErpTarget target) {
        return new BusinessCentralSession(target, new BusinessCentralClient(settings(target, connectTimeout, requestTimeout, inOperator)),
                guards, syncWrites, overlap, maxRetryAfter);
    }

    /** The client settings of a BUSINESS_CENTRAL target (endpoint = API root, login = client id, secret = client secret). */
    public static BusinessCentralClient.Settings settings(ErpTarget t, Duration connectTimeout, Duration requestTimeout, boolean inOperator) {
        return new BusinessCentralClient.Settings(t.endpoint(), t.authority(), t.tenantId(), t.environment(), t.remoteCompanyId(),
                t.login(), t.secret(), BusinessCentralClient.DEFAULT_SCOPE, inOperator, connectTimeout, requestTimeout);
    }
}
