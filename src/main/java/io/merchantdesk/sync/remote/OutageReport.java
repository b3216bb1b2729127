package io.merchantdesk.sync.remote;

import java.time.Duration;
import java.util.Optional;

/** What a remote ERP client's "unavailable" exception tells about its {@link RemoteHttp.Outage}, the same for every client. */
public interface OutageReport {
    RemoteHttp.Outage outage();

    /** The HTTP status when the ERP answered (429, 5xx), 0 when there was no answer at all. */
    default int httpStatus() {
        return outage().httpStatus();
    }

    /** False only when the request certainly did not run there (see {@link RemoteHttp.Outage}). */
    default boolean maybeApplied() {
        return outage().maybeApplied();
    }

    /** The server's {@code Retry-After}, when it sent one. */
    default Optional<Duration> retryAfter() {
        return Optional.ofNullable(outage().retryAfter());
    }
}
