package io.merchantdesk.sync.tryton;

import java.time.Duration;
import java.util.Optional;

/**
 * Tryton could not be reached or did not answer in time: connection refused or reset, connect or request
 * time-out, a 5xx without a JSON-RPC answer, or 429 (Tryton throttles repeated log-ins). The sync records the
 * batch's records as pending with reason ERP_UNAVAILABLE.
 *
 * <p>Whether the call ran is <em>unknown</em> when the request was sent ({@link #maybeApplied()}): a create that
 * timed out may have committed in Tryton, so a retry must first look the records up by merchantdesk's reference.
 */
public final class TrytonUnavailableException extends TrytonRpcException {
    private final int httpStatus;
    private final boolean maybeApplied;
    private final Duration retryAfter;

    public TrytonUnavailableException(String method, String message, int httpStatus, boolean maybeApplied,
                                      Duration retryAfter, Throwable cause) {
        super(method, message, cause);
        this.httpStatus = httpStatus;
        this.maybeApplied = maybeApplied;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status when Tryton answered (429, 5xx), 0 when there was no answer at all. */
    public int httpStatus() {
        return httpStatus;
    }

    /** False only when the request certainly never reached Tryton (connection refused, connect time-out). */
    public boolean maybeApplied() {
        return maybeApplied;
    }

    /** The server's Retry-After, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
