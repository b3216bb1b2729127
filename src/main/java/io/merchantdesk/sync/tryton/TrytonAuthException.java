package io.merchantdesk.sync.tryton;

/**
 * Tryton refused the credentials: {@code common.db.login} answered 401 (wrong login or password), or a call was
 * still refused with a fresh session, or the database does not exist (404 at log-in). Retrying does not help;
 * the ERP connection's settings must be fixed (ERP_AUTH_FAILED).
 */
public final class TrytonAuthException extends TrytonRpcException {
    private final int httpStatus;

    public TrytonAuthException(String method, String message, int httpStatus) {
        super(method, message, null);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
