package io.merchantdesk.partners;

import io.merchantdesk.kernel.error.ProblemException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Query-parameter enums: an unknown value is a 400 naming the parameter (JAX-RS would answer 404). */
final class Enums {
    private Enums() {}

    static <E extends Enum<E>> E param(String name, Class<E> type, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("UNKNOWN_ENUM_VALUE", name + ": unknown value '" + value + "'",
                    java.util.List.of(new io.merchantdesk.kernel.error.FieldError(name, "allowed: "
                            + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")))));
        }
    }
}
