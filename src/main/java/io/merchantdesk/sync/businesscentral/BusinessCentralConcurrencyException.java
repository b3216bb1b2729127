package io.merchantdesk.sync.businesscentral;

/**
 * 412 Precondition Failed: the {@code If-Match} etag sent with a PATCH is not the record's current
 * {@code @odata.etag}, so someone changed the customer in BC since we read it and BC did not apply our change.
 * The caller re-reads the record and decides again (it is a conflict, not an outage).
 */
public final class BusinessCentralConcurrencyException extends BusinessCentralException {
    private final String code;

    public BusinessCentralConcurrencyException(String request, String code, String message) {
        super(request, "412 " + code + ": " + message, null);
        this.code = code;
    }

    /** BC's {@code error.code} of the 412 answer; may be empty. */
    public String code() {
        return code;
    }
}
