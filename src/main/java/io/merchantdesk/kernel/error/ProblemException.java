package io.merchantdesk.kernel.error;

import java.util.List;

/**
 * A failure with a known HTTP meaning. Meanings used across the API: 400 invalid input, 403 wrong role
 * on a known resource, 404 missing or foreign resource, 409 conflict with the current state
 * (duplicates, concurrent work, stale versions), 412 stale If-Match, 422 a domain rule refuses it.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private String resourceId;

    public ProblemException(int status, String code, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ProblemException badRequest(String code, String detail, List<FieldError> errors) {
        return new ProblemException(400, code, "Invalid request", detail, errors);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "VALIDATION_FAILED", "Validation failed", field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "NOT_FOUND", "Not found", what + " not found", null);
    }

    public static ProblemException forbidden(String code, String detail) {
        return new ProblemException(403, code, "Forbidden", detail, null);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, "Conflict", detail, null);
    }

    /** A domain rule refuses the request (the rule's id belongs in the detail). */
    public static ProblemException rule(String code, String detail) {
        return new ProblemException(422, code, "Rule violation", detail, null);
    }

    public static ProblemException rule(String code, String detail, List<FieldError> errors) {
        return new ProblemException(422, code, "Rule violation", detail, errors);
    }

    /** Names the resource in the way (a 409's running sync, say). */
    public ProblemException withResourceId(Object id) {
        this.resourceId = id == null ? null : id.toString();
        return this;
    }

    public int status() { return status; }
    public String resourceId() { return resourceId; }
    public String code() { return code; }
    public String title() { return title; }
    public List<FieldError> errors() { return errors; }
}
