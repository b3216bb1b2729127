package io.merchantdesk.kernel.http;

import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.text.Text;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * The edge check every request passes before a resource method runs, so no endpoint needs its own:
 * path and query values must be valid text (no NUL, valid UTF-8) and parse as their declared type (a
 * malformed id is a 400 naming the parameter, not a 404), and the bearer token's identity claims must be text
 * the service can store.
 */
public class InputGuard {
    /** Claims CurrentUser stores, with the longest value accepted (sub is the provisioning key). */
    private static final Map<String, Integer> CLAIM_LIMITS = Map.of("sub", 255, "email", 320, "name", 200);
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Map<Method, List<TypedParam>> TYPED = new ConcurrentHashMap<>();

    @Inject
    JsonWebToken jwt;

    /** A path or query parameter whose value must parse as {@code type}. */
    record TypedParam(boolean path, String name, Class<?> type) {}

    @ServerRequestFilter(priority = 1100)
    public void check(ContainerRequestContext request, SimpleResourceInfo resource) {
        List<FieldError> errors = new ArrayList<>();
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters(true);
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters(true);
        textOf(path, errors);
        textOf(query, errors);
        refuseIfAny("INVALID_TEXT", errors);
        if (resource != null && resource.getResourceClass() != null) {
            for (TypedParam p : typedParams(resource)) {
                String value = (p.path() ? path : query).getFirst(p.name());
                if (value == null || !p.path() && value.isEmpty()) continue;
                String problem = parseProblem(p.type(), value);
                if (problem != null) errors.add(new FieldError(p.name(), problem));
            }
        }
        refuseIfAny("INVALID_PARAMETER", errors);
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            checkClaims();
        }
    }

    private static void refuseIfAny(String code, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(code, "Invalid " + String.join(", ", errors.stream().map(FieldError::field).toList()), errors);
        }
    }

    private void checkClaims() {
        if (jwt == null || jwt.getRawToken() == null) return; // not a bearer token: the security layer answers 401
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, Integer> limit : CLAIM_LIMITS.entrySet()) {
            if (!jwt.containsClaim(limit.getKey())) continue;
            Object value = jwt.getClaim(limit.getKey());
            String field = "token." + limit.getKey();
            String text = value instanceof String s ? s : value instanceof jakarta.json.JsonString js ? js.getString() : null;
            if (text == null) {
                errors.add(new FieldError(field, "must be a string"));
                continue;
            }
            String problem = Text.problem(text);
            if (problem != null) errors.add(new FieldError(field, problem));
            else if (text.length() > limit.getValue()) errors.add(new FieldError(field, "must be at most " + limit.getValue() + " characters"));
            else if (limit.getKey().equals("sub") && text.isBlank()) errors.add(new FieldError(field, "must not be blank"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_TOKEN_CLAIM", "The bearer token carries claims the service cannot accept", errors);
        }
    }

    private static void textOf(MultivaluedMap<String, String> values, List<FieldError> errors) {
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            String nameProblem = Text.problem(e.getKey());
            if (nameProblem != null) {
                errors.add(new FieldError("query", "a parameter name " + nameProblem));
                continue;
            }
            for (String v : e.getValue()) {
                String problem = Text.problem(v);
                if (problem != null) {
                    errors.add(new FieldError(e.getKey(), problem));
                    break;
                }
            }
        }
    }

    private static String parseProblem(Class<?> type, String value) {
        try {
            if (type == UUID.class) {
                return UUID_TEXT.matcher(value).matches() ? null : "'" + Text.abbreviate(value) + "' is not a UUID";
            }
            if (type == int.class || type == Integer.class) Integer.parseInt(value);
            else if (type == long.class || type == Long.class) Long.parseLong(value);
            else if (type == boolean.class || type == Boolean.class) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) return "must be true or false";
            } else if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(value)) return null;
                }
                List<String> allowed = new ArrayList<>();
                for (Object constant : type.getEnumConstants()) allowed.add(((Enum<?>) constant).name());
                return "unknown value '" + Text.abbreviate(value) + "'; allowed: " + String.join(", ", allowed);
            }
            return null;
        } catch (NumberFormatException e) {
            return "'" + Text.abbreviate(value) + "' is not " + (type == int.class || type == Integer.class ? "an integer in range" : "a whole number in range");
        }
    }

    private static List<TypedParam> typedParams(SimpleResourceInfo resource) {
        Method method;
        try {
            method = resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            return List.of();
        }
        return TYPED.computeIfAbsent(method, InputGuard::scan);
    }

    private static List<TypedParam> scan(Method method) {
        List<TypedParam> params = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            add(params, p, p.getType(), p.getName());
            if (p.isAnnotationPresent(BeanParam.class)) {
                for (Field f : p.getType().getFields()) add(params, f, f.getType(), f.getName());
            }
        }
        return List.copyOf(params);
    }

    private static void add(List<TypedParam> params, AnnotatedElement element, Class<?> type, String fallbackName) {
        if (type != UUID.class && !type.isEnum() && type != int.class && type != Integer.class && type != long.class
                && type != Long.class && type != boolean.class && type != Boolean.class) return;
        if (element.isAnnotationPresent(PathParam.class)) {
            params.add(new TypedParam(true, element.getAnnotation(PathParam.class).value(), type));
        } else if (element.isAnnotationPresent(RestPath.class)) {
            String name = element.getAnnotation(RestPath.class).value();
            params.add(new TypedParam(true, name.isEmpty() ? fallbackName : name, type));
        } else if (element.isAnnotationPresent(QueryParam.class)) {
            params.add(new TypedParam(false, element.getAnnotation(QueryParam.class).value(), type));
        } else if (element.isAnnotationPresent(RestQuery.class)) {
            String name = element.getAnnotation(RestQuery.class).value();
            params.add(new TypedParam(false, name.isEmpty() ? fallbackName : name, type));
        }
    }
}
