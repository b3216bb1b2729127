package io.merchantdesk.sync.engine;

/**
 * The ERP refused a batch call for what it asked (a validation or access error of the ERP, not an outage): the batch's
 * records fail with code {@code ERP_REJECTED} and this message, and stay pending work.
 */
public class ErpRejectedException extends RuntimeException {
    public ErpRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
