package io.merchantdesk.sync.tryton;

import io.merchantdesk.sync.remote.OutageReport;
import io.merchantdesk.sync.remote.RemoteHttp;

/**
 * Tryton could not be reached or did not answer in time: connection refused or reset, connect or request
 * time-out, a 5xx without a JSON-RPC answer, or 429 (Tryton throttles repeated log-ins). The sync records the
 * batch's records as pending with reason ERP_UNAVAILABLE.
 *
 * <p>Whether the call ran is <em>unknown</em> when the request was sent ({@link #maybeApplied()}): a create that
 * timed out may have committed in Tryton, so a retry must first look the records up by merchantdesk's reference.
 */
public final class TrytonUnavailableException extends TrytonRpcException implements OutageReport {
    private final RemoteHttp.Outage outage;

    public TrytonUnavailableException(String method, RemoteHttp.Outage outage) {
        super(method, outage.reason(), outage.cause());
        this.outage = outage;
    }

    @Override
    public RemoteHttp.Outage outage() {
        return outage;
    }
}
