package io.merchantdesk.kernel.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.util.ClassUtil;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.error.ProblemMappers;
import io.merchantdesk.kernel.text.Text;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every invalid field of a request body in one answer, not one per try. While a body is read, a value Jackson
 * cannot convert (an unknown enum value, a malformed UUID or date, a string where a number belongs, an object where
 * text belongs) and a value {@link StrictJson} refuses are recorded with their JSON path and replaced by an
 * empty value, so reading goes on. After the body is read, when anything was recorded, the object is also checked
 * by Bean Validation (constraints on fields that failed to convert are left out, they were already named) and
 * one 400 problem lists every offending field. One field keeps its own code (UNKNOWN_ENUM_VALUE, INVALID_TEXT …);
 * several answer VALIDATION_FAILED. Outside a request body (stored JSON, cursors) nothing is recorded and Jackson
 * fails as usual.
 */
@Provider
public class BodyFieldProblems implements ReaderInterceptor {
    /** The body being read on this thread: readers run synchronously inside {@link #aroundReadFrom}. */
    private static final ThreadLocal<List<Found>> CURRENT = new ThreadLocal<>();

    record Found(String field, String code, String message) {
    }

    @Inject
    Validator validator;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        List<Found> outer = CURRENT.get();
        List<Found> found = new ArrayList<>();
        CURRENT.set(found);
        Object body;
        try {
            body = context.proceed();
        } finally {
            if (outer == null) CURRENT.remove(); else CURRENT.set(outer);
        }
        if (found.isEmpty()) return body;
        throw problem(found, body);
    }

    private ProblemException problem(List<Found> found, Object body) {
        Set<String> named = found.stream().map(Found::field).collect(Collectors.toCollection(LinkedHashSet::new));
        List<FieldError> errors = new ArrayList<>(found.stream().map(f -> new FieldError(f.field(), f.message())).toList());
        if (body != null) {
            for (ConstraintViolation<Object> v : validator.validate(body)) {
                String field = ProblemMappers.fieldOf(v);
                if (!named.contains(field)) errors.add(new FieldError(field, v.getMessage()));
            }
        }
        errors.sort(Comparator.comparing(FieldError::field));
        if (errors.size() == 1) {
            Found only = found.get(0);
            return new ProblemException(400, only.code(), "Invalid request body", only.field() + ": " + only.message(), errors);
        }
        return new ProblemException(400, "VALIDATION_FAILED", "Validation failed",
                "The request has " + errors.size() + " invalid fields", errors);
    }

    /** True while a request body is being read: a refused value is recorded, and reading goes on. */
    static boolean recording() {
        return CURRENT.get() != null;
    }

    /** Records a refused value at the parser's position; the caller substitutes an empty value. */
    static void record(JsonParser p, String code, String message) {
        CURRENT.get().add(new Found(ProblemMappers.parserPath(p), code, message));
    }

    /** Jackson's hook for values it cannot convert; registered on the application's mapper by {@link StrictJson}. */
    static final class Handler extends DeserializationProblemHandler {
        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg)
                throws IOException {
            if (!recording()) return NOT_HANDLED;
            if (targetType.isEnum()) {
                record(ctxt.getParser(), "UNKNOWN_ENUM_VALUE", ProblemMappers.unknownEnumValue(Text.abbreviate(value), targetType));
            } else {
                record(ctxt.getParser(), "INVALID_FIELD_TYPE", "'" + Text.abbreviate(value) + "' is not a valid " + ProblemMappers.simpleType(targetType));
            }
            return empty(targetType);
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg)
                throws IOException {
            if (!recording()) return NOT_HANDLED;
            record(ctxt.getParser(), "INVALID_FIELD_TYPE", "'" + value + "' is not a valid " + ProblemMappers.simpleType(targetType));
            return empty(targetType);
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p, String failureMsg)
                throws IOException {
            if (!recording() || t == null) return NOT_HANDLED;
            record(p, "INVALID_FIELD_TYPE", "expected " + ProblemMappers.simpleType(targetType.getRawClass()));
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) p.skipChildren();
            return empty(targetType.getRawClass());
        }

        /** What stands in for a refused value while reading goes on: nothing, or a primitive's zero. */
        private static Object empty(Class<?> type) {
            return type.isPrimitive() ? ClassUtil.defaultValue(type) : null;
        }
    }
}
