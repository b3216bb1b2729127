package io.merchantdesk.kernel.openapi;

import io.merchantdesk.kernel.error.Problem;
import io.merchantdesk.kernel.http.IdempotencyFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents what every operation shares, once: the problem+json answers (400 for operations with
 * input, 401 for secured ones, 404 for ones addressing a resource, 500 always), problem content for
 * error codes an operation declares without one, the Idempotency-Key header of POSTs, and 412 for
 * operations that take If-Match.
 */
public class ProblemResponsesFilter implements OASFilter {
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                document(path, e.getKey(), e.getValue());
            }
        });
    }

    private void document(String path, PathItem.HttpMethod method, Operation op) {
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        boolean hasInput = op.getRequestBody() != null || (op.getParameters() != null && !op.getParameters().isEmpty());
        boolean secured = op.getSecurity() == null || !op.getSecurity().isEmpty();
        if (hasInput) addProblem(responses, "400", "Invalid input (fields listed in errors)");
        if (secured && !path.startsWith("/dev/")) addProblem(responses, "401", "Missing or invalid bearer token");
        if (path.contains("{")) addProblem(responses, "404", "Not found, or not visible to the caller");
        addProblem(responses, "500", "Unexpected error (quote the correlationId)");
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
                        response.setContent(problemContent());
                    }
                }
            });
        }
        if (method == PathItem.HttpMethod.POST) {
            addHeader(op, IdempotencyFilter.HEADER, "Makes a retry safe: the first successful answer is replayed for the same key and body; another body with the same key is 422");
            addProblem(responses, "422", "A rule refuses the request, or the Idempotency-Key was reused with another body");
        }
        boolean honoursIfMatch = op.getParameters() != null
                && op.getParameters().stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        if (honoursIfMatch) {
            addProblem(responses, "412", "If-Match does not match the current version");
        }
    }

    private static void addHeader(Operation op, String name, String description) {
        if (op.getParameters() != null && op.getParameters().stream().anyMatch(p -> name.equalsIgnoreCase(p.getName()))) {
            return;
        }
        op.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(false)
                .description(description).schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
    }

    private static void addProblem(APIResponses responses, String code, String description) {
        if (responses.getAPIResponse(code) != null) {
            return;
        }
        APIResponse r = OASFactory.createAPIResponse().description(description).content(problemContent());
        responses.addAPIResponse(code, r);
    }

    private static Content problemContent() {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
    }
}
