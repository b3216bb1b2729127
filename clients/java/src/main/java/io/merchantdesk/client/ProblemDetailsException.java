package io.merchantdesk.client;

import io.merchantdesk.client.model.FieldError;
import io.merchantdesk.client.model.Problem;
import java.util.List;

/**
 * An error answer of the merchantdesk API (RFC 9457 problem details), as the generated {@link Problem} model.
 * Thrown by every generated API method of an {@link MerchantdeskClient}-configured {@link ApiClient} when the
 * service answers 4xx/5xx with {@code application/problem+json}; branch on {@link #code()}, which is stable.
 */
public class ProblemDetailsException extends RuntimeException {
    private final int status;
    private final transient Problem problem;

    public ProblemDetailsException(int status, Problem problem) {
        super(status + " " + problem.getCode() + ": " + problem.getDetail());
        this.status = status;
        this.problem = problem;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The whole problem document. */
    public Problem problem() {
        return problem;
    }

    /** The stable machine-readable code, e.g. {@code VALIDATION_FAILED} or {@code ORGANIZATION_NOT_ELIGIBLE}. */
    public String code() {
        return problem.getCode();
    }

    /** The offending fields (empty when the problem is not about input). */
    public List<FieldError> errors() {
        return problem.getErrors() == null ? List.of() : problem.getErrors();
    }
}
