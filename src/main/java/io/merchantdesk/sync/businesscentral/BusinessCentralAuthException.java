package io.merchantdesk.sync.businesscentral;

/**
 * The token endpoint refused the client credentials ({@code invalid_client}, unknown tenant...), or BC still
 * answered 401 with a freshly issued token, or 403 (the Entra application is not registered in BC or lacks
 * permission sets). Retrying does not help; the connection's settings must be fixed (ERP_AUTH_FAILED).
 * The message names the OAuth / BC error code and never the secret.
 */
public final class BusinessCentralAuthException extends BusinessCentralException {
    private final int httpStatus;
    private final String code;

    public BusinessCentralAuthException(String request, String message, int httpStatus, String code) {
        super(request, message, null);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** OAuth's {@code error} (e.g. {@code invalid_client}) or BC's {@code error.code}; may be empty. */
    public String code() {
        return code;
    }
}
