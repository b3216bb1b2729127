package io.merchantdesk.sync.tryton;

/**
 * Something went wrong talking to a Tryton server. The subclasses say what, because the sync reacts differently:
 * {@link TrytonUnavailableException} means "try again later, nothing is known to be lost" (ERP_UNAVAILABLE),
 * {@link TrytonAuthException} means the connection settings are wrong, and {@link TrytonErrorException} means
 * Tryton ran the call and refused it (a validation rule, a concurrent edit, a server fault).
 */
public abstract sealed class TrytonRpcException extends RuntimeException
        permits TrytonUnavailableException, TrytonAuthException, TrytonErrorException {
    private final String method;

    protected TrytonRpcException(String method, String message, Throwable cause) {
        super(method + ": " + message, cause);
        this.method = method;
    }

    /** The JSON-RPC method that failed, e.g. {@code model.party.party.create}. */
    public String method() {
        return method;
    }
}
