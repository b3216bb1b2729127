package io.merchantdesk.sync.engine;

/**
 * The ERP could not be reached, timed out, answered 5xx or kept throttling after the adapter's retries (an outage,
 * not a wrong request). {@code mayHaveRun}: the request may have been carried out by the ERP (its answer was lost);
 * the engine relies on references to find such writes on the rerun either way.
 */
public class ErpUnavailableException extends RuntimeException {
    private final boolean mayHaveRun;

    public ErpUnavailableException(String message, boolean mayHaveRun, Throwable cause) {
        super(message, cause);
        this.mayHaveRun = mayHaveRun;
    }

    public boolean mayHaveRun() {
        return mayHaveRun;
    }
}
