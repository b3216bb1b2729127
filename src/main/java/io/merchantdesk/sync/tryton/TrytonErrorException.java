package io.merchantdesk.sync.tryton;

import java.util.List;

/**
 * Tryton ran the call and answered with {@code "error"} (or refused the method with 403). The {@link Kind} comes
 * from the first element of Tryton's error array, which is the exception's class name for Tryton's own
 * exceptions ({@code trytond/protocols/jsonrpc.py} sends {@code exception.args}); any other Python exception
 * arrives as {@code [str(exception), traceback]} and is a {@link Kind#SERVER_FAULT}.
 */
public final class TrytonErrorException extends TrytonRpcException {

    public enum Kind {
        /**
         * {@code UserError}: a validation or business rule refused the data (invalid phone number, missing required
         * field, duplicate code). Tryton's AccessError and ValidationError are UserErrors too and arrive as such:
         * the class name is not sent, only the message says which.
         */
        USER_ERROR,
        /** {@code UserWarning}: Tryton asks the user to confirm; an unattended client must treat it as a refusal. */
        USER_WARNING,
        /** {@code LoginException}: the login needs another parameter (e.g. a password or a second factor). */
        LOGIN,
        /** {@code ConcurrencyException}: the record changed since the timestamp the client sent. */
        CONCURRENCY,
        /** HTTP 403: the method is not callable over RPC (not in the model's {@code __rpc__}). */
        FORBIDDEN_METHOD,
        /** Any other Python exception inside Tryton (a bug, a database error after Tryton's own retries). */
        SERVER_FAULT
    }

    private final Kind kind;
    private final String trytonMessage;
    private final String description;
    private final Object error;

    public TrytonErrorException(String method, Kind kind, String trytonMessage, String description, Object error) {
        super(method, kind + ": " + trytonMessage + (description == null || description.isBlank() ? "" : " (" + description + ")"), null);
        this.kind = kind;
        this.trytonMessage = trytonMessage;
        this.description = description;
        this.error = error;
    }

    public Kind kind() {
        return kind;
    }

    /** Tryton's message (translated into the session's language). */
    public String trytonMessage() {
        return trytonMessage;
    }

    /**
     * Tryton's longer description; for a {@link Kind#SERVER_FAULT} the Python traceback, which trytond fills in only
     * when it runs with {@code --dev} (wsgi.py), so usually empty. May be empty.
     */
    public String description() {
        return description;
    }

    /** The decoded {@code "error"} member as Tryton sent it (a list), for logging and diagnosis. */
    public Object error() {
        return error;
    }

    /** Reads Tryton's error array: {@code ["UserError", [message, description, domain]]}, etc. */
    static TrytonErrorException fromAnswer(String method, Object error) {
        if (error instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String name) {
            Object args = list.size() > 1 ? list.get(1) : null;
            switch (name) {
                case "UserError": return new TrytonErrorException(method, Kind.USER_ERROR, arg(args, 0), arg(args, 1), error);
                case "UserWarning": return new TrytonErrorException(method, Kind.USER_WARNING, arg(args, 1), arg(args, 2), error);
                case "LoginException": return new TrytonErrorException(method, Kind.LOGIN, arg(args, 1), arg(args, 0), error);
                case "ConcurrencyException": return new TrytonErrorException(method, Kind.CONCURRENCY, String.valueOf(args), "", error);
                default:
                    // [str(exception), traceback]
                    return new TrytonErrorException(method, Kind.SERVER_FAULT, name, args instanceof String s ? s : "", error);
            }
        }
        return new TrytonErrorException(method, Kind.SERVER_FAULT, String.valueOf(error), "", error);
    }

    private static String arg(Object args, int index) {
        if (args instanceof List<?> l && l.size() > index && l.get(index) != null) return String.valueOf(l.get(index));
        return "";
    }
}
