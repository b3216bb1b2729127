package io.merchantdesk.client;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.client.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

/**
 * Configures the generated {@link ApiClient}: the base URI, a bearer token on every request, problem
 * details surfacing as {@link ProblemDetailsException}, and decimals written as strings, as the document says. The generated API classes are used as they are:
 * <pre>{@code
 * ApiClient client = MerchantdeskClient.create(URI.create("https://api.example.com"), () -> token);
 * Store store = new StoresApi(client).createStore(new CreateStoreRequest().name("Oslo").billingCurrency("USD").plan(Plan.GROW), null);
 * }</pre>
 * Create the API objects after this call: they take the interceptors from the client when they are built.
 */
public final class MerchantdeskClient {
    private static final String PROBLEM_JSON = "application/problem+json";

    private MerchantdeskClient() {}

    /** A client acting with the bearer token that {@code token} returns (asked once per request, so it can refresh). */
    public static ApiClient create(URI baseUri, Supplier<String> token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri.toString().replaceAll("/+$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token.get()));
        client.setResponseInterceptor(response -> throwProblem(client, response));
        // The document types decimals as strings ("19.99", format decimal); the generator maps them to BigDecimal,
        // which Jackson would write as a JSON number, and the service refuses numbers for decimals.
        ObjectMapper mapper = client.getObjectMapper(); // a copy: set it back
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        client.setObjectMapper(mapper);
        return client;
    }

    /**
     * The generated methods would throw a checked ApiException holding the body as a string; a problem+json
     * answer is turned into the typed exception here, before they look at it.
     */
    private static void throwProblem(ApiClient client, HttpResponse<InputStream> response) {
        if (response.statusCode() < 400) {
            return;
        }
        boolean problemJson = response.headers().firstValue("Content-Type")
                .map(type -> type.toLowerCase().startsWith(PROBLEM_JSON)).orElse(false);
        if (!problemJson) {
            return;
        }
        try (InputStream body = response.body()) {
            Problem problem = client.getObjectMapper().readValue(body, Problem.class);
            throw new ProblemDetailsException(response.statusCode(), problem);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable problem details (HTTP " + response.statusCode() + ")", e);
        }
    }
}
