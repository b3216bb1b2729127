package io.merchantdesk.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.contract.ContractValidator;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Validates every REST Assured exchange of the tests against the served OpenAPI document
 * ({@link ContractValidator}); a departure fails the test that made the request. Installed for every
 * {@code @QuarkusTest} class by {@link ContractFilterInstaller}, so no test can forget it.
 */
public final class ContractFilter implements Filter {
    static final ContractFilter INSTANCE = new ContractFilter();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractFilter() {}

    /** Adds the filter to REST Assured's global filters once. */
    static synchronized void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        URI base = URI.create(uri.getScheme() + "://" + uri.getAuthority());
        if (uri.getPath().startsWith("/q/openapi")) return response;
        ContractValidator.Exchange exchange = new ContractValidator.Exchange(request.getMethod(), uri.getRawPath(),
                uri.getRawQuery(), request.getContentType(), body(request.getBody()), response.statusCode(), response.contentType(),
                response.asString());
        List<String> violations = ContractValidator.forService(base).violations(exchange);
        if (!violations.isEmpty() && REPORT != null) {
            report(violations);
        } else if (!violations.isEmpty()) {
            throw new AssertionError("The answer departs from the OpenAPI document:\n  " + String.join("\n  ", violations)
                    + "\n  request: " + request.getMethod() + " " + uri.getRawPath()
                    + (exchange.requestBody() == null ? "" : " " + exchange.requestBody())
                    + "\n  answer: " + response.statusCode() + " " + response.contentType() + " " + exchange.responseBody());
        }
        return response;
    }

    /** Survey mode for developers: CONTRACT_REPORT=file collects every departure instead of failing at the first. */
    private static final String REPORT = System.getenv("CONTRACT_REPORT");

    private static synchronized void report(List<String> violations) {
        try {
            java.nio.file.Files.write(java.nio.file.Path.of(REPORT), violations, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String body(Object body) {
        if (body == null) return null;
        if (body instanceof String s) return s;
        if (body instanceof byte[] bytes) return new String(bytes, StandardCharsets.UTF_8);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return String.valueOf(body);
        }
    }
}
