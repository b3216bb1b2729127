package io.merchantdesk.kernel.http;

import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Query-parameter parsing shared by the resources. */
public final class QueryParams {
    private QueryParams() {}

    /**
     * An enum-valued query parameter (exact constant name, surrounding blanks ignored); null when absent.
     * An unknown value is a 400 {@code UNKNOWN_ENUM_VALUE} naming the parameter and the allowed values
     * (JAX-RS itself would answer 404 for an enum parameter it cannot convert).
     */
    public static <E extends Enum<E>> E enumValue(String name, Class<E> type, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("UNKNOWN_ENUM_VALUE", name + ": unknown value '" + value + "'",
                    List.of(new FieldError(name, "allowed: "
                            + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")))));
        }
    }
}
