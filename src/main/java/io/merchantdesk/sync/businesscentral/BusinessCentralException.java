package io.merchantdesk.sync.businesscentral;

/**
 * Something went wrong talking to Business Central's API v2.0. The subclasses say what, because the sync reacts
 * differently: {@link BusinessCentralUnavailableException} means "try again later" (ERP_UNAVAILABLE, with BC's
 * Retry-After when it sent one), {@link BusinessCentralAuthException} means the connection's credentials or
 * permissions are wrong, {@link BusinessCentralConcurrencyException} means the record changed since it was read
 * (412 on {@code If-Match}), and {@link BusinessCentralErrorException} means BC ran the request and refused it
 * with an {@code error.code} / {@code error.message}.
 */
public abstract sealed class BusinessCentralException extends RuntimeException
        permits BusinessCentralUnavailableException, BusinessCentralAuthException,
        BusinessCentralConcurrencyException, BusinessCentralErrorException {
    private final String request;

    protected BusinessCentralException(String request, String message, Throwable cause) {
        super(request + ": " + message, cause);
        this.request = request;
    }

    /** The request that failed, e.g. {@code POST customers} or {@code POST $batch}; never carries a secret. */
    public String request() {
        return request;
    }
}
