package io.merchantdesk.kernel.openapi;

import io.merchantdesk.kernel.error.Problem;
import io.merchantdesk.kernel.http.IdempotencyFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * operations that take If-Match, 413 and 415 for operations with a body, 406 and 503 (database outage) for all. Every problem answer gets an example of
 * its own status: the code a response description names (e.g. {@code SYNC_RUN_IN_PROGRESS: ...}), else the
 * code the kernel answers for that status ({@code ProblemMappers}, {@code AccessService}, {@code Etags}).
 * {@code OpenApiProblemExamplesTest} provokes each generic answer and compares its code with these.
 */
public class ProblemResponsesFilter implements OASFilter {
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    /** A problem code named in a response description: upper case with at least one underscore. */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
    /** SmallRye's description for the 403 it adds to every secured operation. */
    private static final String SMALLRYE_403 = "Not Allowed";

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
        // A bearer token's claims are input too (InputGuard refuses text that cannot be stored): every secured operation can answer 400.
        if (hasInput || secured) addProblem(responses, "400", "Invalid input (fields listed in errors)");
        if (secured && !path.startsWith("/dev/")) addProblem(responses, "401", "Missing or invalid bearer token");
        if (path.contains("{")) addProblem(responses, "404", "Not found, or not visible to the caller");
        addProblem(responses, "500", "Unexpected error (quote the correlationId)");
        // Any operation touches the database: during an outage it answers 503 with Retry-After (DatabaseFailures).
        addProblem(responses, "503", "DATABASE_UNAVAILABLE: the database cannot be reached; retry after the Retry-After seconds");
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
        if (op.getRequestBody() != null) {
            addProblem(responses, "413", "The request body exceeds the size limit");
            addProblem(responses, "415", "The request body is not application/json");
        }
        addProblem(responses, "406", "The Accept header admits neither application/json nor application/problem+json");
        responses.getAPIResponses().forEach((code, response) -> exemplify(path, method, code, response));
    }

    /** Gives a problem answer without an example one of its own status (so 401 no longer shows a 400). */
    private static void exemplify(String path, PathItem.HttpMethod method, String status, APIResponse response) {
        if (!(status.startsWith("4") || status.startsWith("5")) || response.getContent() == null) {
            return;
        }
        MediaType media = response.getContent().getMediaType(Problem.MEDIA_TYPE);
        if (media == null || media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty())) {
            return;
        }
        if ("403".equals(status) && SMALLRYE_403.equals(response.getDescription())) {
            response.setDescription("The caller is related to the resource but lacks the permission or role the operation needs");
        }
        media.setExample(example(Integer.parseInt(status), namedCode(response.getDescription()), path, method));
    }

    private static String namedCode(String description) {
        if (description == null) return null;
        Matcher m = CODE.matcher(description);
        return m.find() ? m.group() : null;
    }

    /** The kernel's default code for a status when the description names none. */
    static String defaultCode(int status, String path, PathItem.HttpMethod method) {
        return switch (status) {
            case 400 -> "VALIDATION_FAILED";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> path.startsWith("/sales/") || path.equals("/sales") ? "ROLE_REQUIRED" : "PERMISSION_REQUIRED";
            case 404 -> "NOT_FOUND";
            case 409 -> "CONCURRENT_MODIFICATION";
            case 412 -> "PRECONDITION_FAILED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 422 -> method == PathItem.HttpMethod.POST ? "IDEMPOTENCY_KEY_REUSED" : "INVALID_STATUS_TRANSITION";
            case 428 -> "PRECONDITION_REQUIRED";
            default -> "INTERNAL_ERROR";
        };
    }

    private static Map<String, Object> example(int status, String namedCode, String path, PathItem.HttpMethod method) {
        String code = namedCode != null ? namedCode : defaultCode(status, path, method);
        String title;
        String detail;
        switch (status) {
            case 400 -> { title = "VALIDATION_FAILED".equals(code) ? "Validation failed" : "Invalid request"; detail = "The request has 1 invalid field"; }
            case 401 -> { title = "Unauthenticated"; detail = "A valid bearer token is required"; }
            case 403 -> { title = "Forbidden"; detail = "The caller is related to the resource but lacks the permission or role this needs"; }
            case 404 -> { title = "Not found"; detail = "Store 0b7f1c9e-6a52-4c1e-9a0e-3f3c2d1b5a77 not found"; }
            case 409 -> { title = "Conflict"; detail = "The request conflicts with the current state of the resource"; }
            case 412 -> { title = "Precondition failed"; detail = "If-Match does not match the current version (3); reload the resource"; }
            case 406 -> { title = "Not acceptable"; detail = "The answer can only be application/json or application/problem+json"; }
            case 413 -> { title = "Payload too large"; detail = "The request body exceeds the maximum of 1048576 bytes"; }
            case 415 -> { title = "Unsupported media type"; detail = "The request body must be application/json"; }
            case 503 -> { title = "Service unavailable"; detail = "The database is unavailable; retry in 5 seconds"; }
            case 428 -> { title = "Precondition required"; detail = "The resource exists: send If-Match with its ETag (\"3\") to replace it"; }
            case 422 -> { title = "Rule violation"; detail = "IDEMPOTENCY_KEY_REUSED".equals(code)
                    ? "The Idempotency-Key was already used with another request body" : "A business rule refuses the request"; }
            default -> { title = "Internal error"; detail = "An unexpected error occurred; quote the correlation id when reporting it"; }
        }
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "https://merchantdesk.dev/problems/" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("code", code);
        example.put("correlationId", "3f6c1e2a-8d4b-4f7a-9c1d-5e2b7a9f0c34");
        if (status == 400) {
            example.put("errors", List.of(Map.of("field", "name", "message", "must not be blank")));
        }
        return example;
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
