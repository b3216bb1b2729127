package io.merchantdesk.kernel.error;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One offending input field of a 400 problem. {@code field} is a JSON path such as {@code locations[0].role}. */
@RegisterForReflection
@Schema(name = "FieldError", description = "An offending input field")
public record FieldError(
        @Schema(examples = "billingCurrency") String field,
        @Schema(examples = "must be an ISO 4217 currency code") String message) {
}
