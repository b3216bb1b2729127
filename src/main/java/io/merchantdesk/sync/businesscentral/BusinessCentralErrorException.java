package io.merchantdesk.sync.businesscentral;

/**
 * BC ran the request and refused it with a 4xx and its error body {@code {"error":{"code":..,"message":..}}}
 * (a value too long, an unknown option, a duplicate number, a record that does not exist...). Retrying the same
 * request gives the same answer; the record needs a fix.
 */
public final class BusinessCentralErrorException extends BusinessCentralException {
    private final int httpStatus;
    private final String code;
    private final String bcMessage;

    public BusinessCentralErrorException(String request, int httpStatus, String code, String bcMessage) {
        super(request, httpStatus + " " + code + ": " + bcMessage, null);
        this.httpStatus = httpStatus;
        this.code = code;
        this.bcMessage = bcMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** BC's {@code error.code}, e.g. {@code Internal_EntityWithSameKeyExists}; empty when the body had none. */
    public String code() {
        return code;
    }

    /** BC's {@code error.message} (BC appends its {@code CorrelationId} to it). */
    public String bcMessage() {
        return bcMessage;
    }
}
