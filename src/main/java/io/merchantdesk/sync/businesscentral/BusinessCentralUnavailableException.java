package io.merchantdesk.sync.businesscentral;

import io.merchantdesk.sync.remote.OutageReport;
import io.merchantdesk.sync.remote.RemoteHttp;

/**
 * Business Central could not be reached or asked us to come back later: 429 (throttled), 503 (service busy or
 * down), another 5xx, a connect or request time-out, a refused or dropped connection. The sync records the
 * batch's records as pending with reason ERP_UNAVAILABLE and honours {@link #retryAfter()}.
 *
 * <p>{@link #maybeApplied()} says whether a write may have taken effect. It is false when BC refused the request
 * before running it (429 is BC's throttling, answered before the request is processed; 503 is taken to be the same,
 * an assumption to verify on a live tenant),
 * when the connection was never made, and for reads; it is true for a write whose answer did not arrive (time-out,
 * dropped connection, 500/502/504: BC aborts requests only after 10 minutes, so a gateway time-out may still
 * commit). When it is true, a retry must look the records up by merchantdesk's reference before creating them.
 */
public final class BusinessCentralUnavailableException extends BusinessCentralException implements OutageReport {
    private final RemoteHttp.Outage outage;

    public BusinessCentralUnavailableException(String request, RemoteHttp.Outage outage) {
        super(request, outage.reason(), outage.cause());
        this.outage = outage;
    }

    @Override
    public RemoteHttp.Outage outage() {
        return outage;
    }
}
