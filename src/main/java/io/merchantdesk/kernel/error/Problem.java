package io.merchantdesk.kernel.error;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, extended with a stable machine-readable {@code code}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details (media type application/problem+json)")
public record Problem(
        @Schema(required = true, examples = "https://merchantdesk.dev/problems/validation-failed") String type,
        @Schema(required = true, examples = "Validation failed") String title,
        @Schema(required = true, examples = "400") int status,
        @Schema(examples = "The request has 1 invalid field") String detail,
        @Schema(required = true, description = "Stable machine-readable code", examples = "VALIDATION_FAILED") String code,
        @Schema(description = "Correlation id of the request, also in the X-Correlation-Id header") String correlationId,
        @Schema(description = "Offending fields, for invalid input") List<FieldError> errors,
        @Schema(description = "Id of the resource in the way, for conflicts (e.g. the sync run already going)") String resourceId) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
