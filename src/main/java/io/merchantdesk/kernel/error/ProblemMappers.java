package io.merchantdesk.kernel.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.merchantdesk.kernel.http.CorrelationId;
import io.merchantdesk.kernel.http.StrictJson;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an application/problem+json answer. A 500 never carries a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.status(), e.code(), e.title(), e.getMessage(), e.errors(), e.resourceId());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return respond(400, "VALIDATION_FAILED", "Validation failed",
                "The request has " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s"), errors, null);
    }

    @ServerExceptionMapper
    public Response validationRest(io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException e) {
        return validation(e);
    }

    @ServerExceptionMapper
    public Response malformed(StreamReadException e) {
        return streamFailure(e, streamPath(e));
    }

    private Response streamFailure(JsonProcessingException e, String field) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return respond(400, "JSON_LIMIT_EXCEEDED", "Invalid request body",
                    field + ": exceeds a JSON limit (nesting depth 64, numbers of 64 characters, strings of 1,000,000)",
                    List.of(new FieldError(field, "exceeds a JSON limit")), null);
        }
        if (e instanceof InputCoercionException || original.startsWith("Numeric value")) {
            return respond(400, "NUMBER_OUT_OF_RANGE", "Invalid request body", field + ": the number is out of range for this field",
                    List.of(new FieldError(field, "is out of range for this field")), null);
        }
        if (original.startsWith("Duplicate field")) {
            return respond(400, "DUPLICATE_KEY", "Invalid request body", field + ": the key appears more than once in its object",
                    List.of(new FieldError(field, "appears more than once")), null);
        }
        if (original.contains("CTRL-CHAR, code 0)")) {
            return respond(400, "INVALID_TEXT", "Invalid request body", field + ": must not contain the NUL character",
                    List.of(new FieldError(field, "must not contain the NUL character")), null);
        }
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return respond(400, "MALFORMED_JSON", "Malformed JSON", "The request body is not valid JSON" + where,
                "body".equals(field) ? List.of() : List.of(new FieldError(field, "is not valid JSON")), null);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = jsonPath(e);
        if (e instanceof StrictJson.RefusedValue refused) {
            return respond(400, refused.code(), "Invalid request body", field + ": " + refused.getOriginalMessage(),
                    List.of(new FieldError(field, refused.getOriginalMessage())), null);
        }
        String message;
        if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
            message = unknownEnumValue(ife.getValue(), ife.getTargetType());
        } else if (e instanceof InvalidFormatException ife) {
            message = "'" + ife.getValue() + "' is not a valid " + simpleType(ife.getTargetType());
        } else {
            message = "expected " + simpleType(e.getTargetType());
        }
        String code = (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum())
                ? "UNKNOWN_ENUM_VALUE" : "INVALID_FIELD_TYPE";
        return respond(400, code, "Invalid request body", field + ": " + message, List.of(new FieldError(field, message)), null);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        String field = jsonPath(e);
        if (e.getCause() instanceof JsonProcessingException cause && !(cause instanceof JsonMappingException)) {
            // a parser failure inside a field: Jackson wraps it to add the path
            return streamFailure(cause, field);
        }
        // Jackson's own wording names its classes; say what is wrong in our words instead.
        String message = e.getOriginalMessage() != null && e.getOriginalMessage().contains("missing") ? "is required" : "has an invalid value";
        return respond(400, "INVALID_FIELD_VALUE", "Invalid request body", field + ": " + message,
                List.of(new FieldError(field, message)), null);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return streamFailure(e, "body");
        }
        return respond(400, "MALFORMED_JSON", "Malformed JSON", "The request body is not valid JSON", List.of(), null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, "FORBIDDEN", "Forbidden", "The caller lacks the role this operation needs", List.of(), null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jpe) {
            return route(jpe);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String code = switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> "BAD_REQUEST";
        };
        if (status == 401) {
            return unauthenticated();
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(status, code, title, e.getMessage(), List.of(), null);
    }

    /** Last resort: look through the cause chain for a known failure before calling it a bug. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException pe) {
                return problem(pe);
            }
            if (DatabaseFailures.unavailable(t)) return DatabaseFailures.respond(t);
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return respond(409, "CONCURRENT_MODIFICATION", "Conflict",
                        "The resource was changed by another request; reload it and try again", List.of(), null);
            }
            if (t instanceof ConstraintViolationException cve) {
                return validation(cve);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "23505": return respond(409, "DUPLICATE", "Conflict", "A resource with the same unique values already exists", List.of(), null);
                    case "40001", "40P01": return respond(409, "CONCURRENT_MODIFICATION", "Conflict", "A concurrent request touched the same data; try again", List.of(), null);
                    case "55P03": return respond(409, "RESOURCE_LOCKED", "Conflict", "The resource is locked by concurrent work; try again", List.of(), null);
                    default: break;
                }
                // Class 22 is "data exception": input that got past the edge checks and that the database refuses
                // (text it cannot store, a number too large for its column). The caller's fault, so a 400.
                if (sql.getSQLState().startsWith("22")) {
                    LOG.warnf("Input refused by the database (SQLState %s, correlation id %s): %s", sql.getSQLState(), CorrelationId.current(), sql.getMessage());
                    String code = switch (sql.getSQLState()) {
                        case "22021", "22P05" -> "INVALID_TEXT";
                        case "22003" -> "NUMBER_OUT_OF_RANGE";
                        case "22001" -> "VALUE_TOO_LONG";
                        default -> "INVALID_VALUE";
                    };
                    return respond(400, code, "Invalid request", "A value of the request cannot be stored (" + code.toLowerCase(Locale.ROOT).replace('_', ' ') + ")", List.of(), null);
                }
            }
            if (t instanceof JsonProcessingException jpe) {
                return route(jpe);
            }
            if (t instanceof WebApplicationException wae && t != e) {
                return webApplication(wae);
            }
        }
        LOG.errorf(e, "Unexpected failure (correlation id %s)", CorrelationId.current());
        return respond(500, "INTERNAL_ERROR", "Internal error",
                "An unexpected error occurred; quote the correlation id when reporting it", List.of(), null);
    }

    private Response route(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mie) return mismatched(mie);
        if (e instanceof JsonMappingException jme) return mapping(jme);
        if (e instanceof StreamReadException sre) return malformed(sre);
        return json(e);
    }

    private Response unauthenticated() {
        Response r = respond(401, "UNAUTHENTICATED", "Unauthenticated", "A valid bearer token is required", List.of(), null);
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    public static Response respond(int status, String code, String title, String detail, List<FieldError> errors, String resourceId) {
        Problem body = new Problem(
                "https://merchantdesk.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'),
                title, status, detail, code, CorrelationId.current(), errors, resourceId);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String streamPath(StreamReadException e) {
        return e.getProcessor() instanceof JsonParser parser ? parserPath(parser) : "body";
    }

    /** The JSON path of the value the parser is at (or stopped at), e.g. {@code lineItems[0].quantity}, or "body". */
    public static String parserPath(JsonParser parser) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) parts.push(c.getCurrentName());
            else if (c.inArray()) parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
        }
        if (parts.isEmpty()) return "body";
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (!sb.isEmpty() && !part.startsWith("[")) sb.append('.');
            sb.append(part);
        }
        return sb.toString();
    }

    /** The JSON path of a violated constraint, e.g. {@code lineItems[0].quantity}, or the parameter's name. */
    public static String fieldOf(ConstraintViolation<?> v) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) continue;
            if (node.getKind() == ElementKind.PARAMETER) { parameter = node.getName(); continue; }
            String name = node.getName();
            if (node.getIndex() != null && !parts.isEmpty()) {
                int last = parts.size() - 1;
                parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
            }
            if (name != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) parts.add(name);
        }
        if (parts.isEmpty()) return parameter == null ? "body" : parameter;
        return String.join(".", parts);
    }

    /** What a client is told about a value its enum does not have: the value and every allowed one. */
    public static String unknownEnumValue(Object value, Class<?> enumType) {
        return "unknown value '" + value + "'; allowed: " + Arrays.stream(enumType.getEnumConstants())
                .map(Object::toString).collect(Collectors.joining(", "));
    }

    /** A Java type as a client would name it: string, number, boolean, array, UUID … */
    public static String simpleType(Class<?> type) {
        if (type == null) return "value";
        if (type == String.class) return "string";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) return "number";
        if (type == Boolean.class || type == boolean.class) return "boolean";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "array";
        if (type == java.util.UUID.class) return "UUID";
        return type.getSimpleName();
    }
}
