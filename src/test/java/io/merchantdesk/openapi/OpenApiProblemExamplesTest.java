package io.merchantdesk.openapi;

import static io.merchantdesk.support.Stores.store;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The problem examples of the served OpenAPI document are what the service really answers: each test
 * provokes a status over HTTP and compares the answer's {@code code} with the documented example, so the
 * documentation cannot drift from behaviour.
 */
@QuarkusTest
class OpenApiProblemExamplesTest {
    private JsonNode doc;

    /** Read per test, not at construction: REST Assured knows the application's port only once the test runs. */
    @BeforeEach
    void readDocument() {
        doc = ServedOpenApi.document();
    }

    /** The example of one documented answer, e.g. ("post", "/stores", "401"). */
    private JsonNode example(String method, String path, String status) {
        JsonNode media = doc.path("paths").path(path).path(method).path("responses").path(status)
                .path("content").path("application/problem+json");
        assertFalse(media.isMissingNode(), method.toUpperCase() + " " + path + " documents a problem+json " + status);
        JsonNode example = media.path("example");
        assertFalse(example.isMissingNode(), method.toUpperCase() + " " + path + " " + status + " has an example");
        return example;
    }

    /** Example codes of every operation documenting the status, by "METHOD path". */
    private Map<String, String> exampleCodes(String status) {
        Map<String, String> codes = new TreeMap<>();
        for (ServedOpenApi.Operation op : ServedOpenApi.operations(doc)) {
            JsonNode r = op.response(status);
            if (!r.isMissingNode()) codes.put(op.where(), problemExample(r).path("code").asText());
        }
        return codes;
    }

    private static JsonNode problemExample(JsonNode response) {
        return response.path("content").path("application/problem+json").path("example");
    }

    private static void assertAllEqual(String status, String actual, Map<String, String> documented) {
        assertFalse(documented.isEmpty(), "some operation documents " + status);
        List<String> drift = new ArrayList<>();
        documented.forEach((op, code) -> {
            if (!code.equals(actual)) drift.add(op + ": documents " + code);
        });
        assertTrue(drift.isEmpty(), "the service answers " + status + " with " + actual + ", but:\n" + String.join("\n", drift));
    }

    private static String problemCode(Response r, int status) {
        return r.then().statusCode(status).contentType("application/problem+json").extract().path("code");
    }

    @Test
    @DisplayName("Every problem example carries its own status and a code the code base emits")
    void everyExampleHasItsStatusAndARealCode() throws IOException {
        Set<String> emitted = emittedCodes();
        List<String> defects = new ArrayList<>();
        for (String status : List.of("400", "401", "403", "404", "406", "409", "412", "413", "415", "422", "500", "503")) {
            for (ServedOpenApi.Operation op : ServedOpenApi.operations(doc)) {
                JsonNode r = op.response(status);
                if (r.isMissingNode()) continue;
                String where = op.where() + " " + status;
                JsonNode ex = problemExample(r);
                if (ex.path("status").asInt() != Integer.parseInt(status)) defects.add(where + ": example status " + ex.path("status"));
                if (!emitted.contains(ex.path("code").asText())) defects.add(where + ": example code " + ex.path("code") + " is never emitted");
                if (ex.path("title").asText().isBlank() || ex.path("correlationId").asText().isBlank()) defects.add(where + ": example lacks title or correlationId");
            }
        }
        assertTrue(defects.isEmpty(), "Problem example defects:\n" + String.join("\n", defects));
    }

    /** Every upper-case string literal with an underscore in the service's sources: the codes it can answer with. */
    private static Set<String> emittedCodes() throws IOException {
        Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9_]{2,})\"");
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) codes.add(m.group(1));
            }
        }
        assertTrue(codes.contains("UNAUTHENTICATED") && codes.contains("NOT_FOUND"), "the sources were scanned");
        return codes;
    }

    @Test
    @DisplayName("401: every documented example is what a request without a token gets")
    void unauthenticatedExamplesMatchTheService() {
        String actual = problemCode(given().get("/stores"), 401);
        assertEquals(actual, problemCode(given().contentType(ContentType.JSON).body("{}").post("/organizations"), 401));
        assertAllEqual("401", actual, exampleCodes("401"));
    }

    @Test
    @DisplayName("404: every documented example is what a stranger to a store gets")
    void notFoundExamplesMatchTheService() {
        Api.User owner = Api.user("oas-owner");
        Api.User stranger = Api.user("oas-stranger");
        String storeId = store(owner);
        String actual = problemCode(stranger.as().get("/stores/" + storeId), 404);
        assertEquals(actual, problemCode(owner.as().get("/stores/" + UUID.randomUUID()), 404));
        assertAllEqual("404", actual, exampleCodes("404"));
    }

    @Test
    @DisplayName("400: the shared invalid-input example is what an invalid body gets")
    void badRequestExampleMatchesTheService() {
        Api.User owner = Api.user("oas-owner");
        Response r = owner.as().body(Map.of("name", "", "billingCurrency", "USD", "plan", "GROW")).post("/stores");
        String actual = problemCode(r, 400);
        JsonNode ex = example("post", "/stores", "400");
        assertEquals(actual, ex.path("code").asText());
        assertTrue(ex.path("errors").isArray() && !ex.path("errors").isEmpty(), "the 400 example lists offending fields");
        assertFalse(r.jsonPath().getList("errors").isEmpty(), "so does the answer");
        // every operation documenting only the shared invalid-input answer shows the same code
        Map<String, String> shared = new TreeMap<>();
        exampleCodes("400").forEach((op, code) -> {
            String[] parts = op.split(" ", 2);
            if (doc.path("paths").path(parts[1]).path(parts[0].toLowerCase()).path("responses").path("400")
                    .path("description").asText().startsWith("Invalid input")) shared.put(op, code);
        });
        assertAllEqual("400", actual, shared);
    }

    @Test
    @DisplayName("403: staff without the permission get the documented PERMISSION_REQUIRED; a user without the role ROLE_REQUIRED")
    void forbiddenExamplesMatchTheService() {
        Api.User owner = Api.user("oas-owner");
        Api.User clerk = Api.user("oas-clerk");
        String storeId = store(owner);
        owner.as().body(Map.of("permissions", List.of("MANAGE_CUSTOMERS"))).put("/stores/" + storeId + "/staff/" + clerk.id())
                .then().statusCode(200);
        String actual = problemCode(clerk.as().get("/stores/" + storeId + "/payment-methods"), 403);
        assertEquals(actual, example("get", "/stores/{storeId}/payment-methods", "403").path("code").asText());

        String noRole = problemCode(clerk.as().get("/sales/reps"), 403);
        assertEquals(noRole, example("get", "/sales/reps", "403").path("code").asText());
        assertEquals(noRole, example("get", "/sales/leads", "403").path("code").asText());
    }

    @Test
    @DisplayName("409: a duplicate customer e-mail gets the documented CUSTOMER_EMAIL_TAKEN")
    void conflictExampleMatchesTheService() {
        Api.User owner = Api.user("oas-owner");
        String storeId = store(owner);
        Map<String, Object> body = Map.of("firstName", "Ada", "lastName", "Lovelace", "email", Api.unique("ada") + "@example.com");
        owner.as().body(body).post("/stores/" + storeId + "/customers").then().statusCode(201);
        String actual = problemCode(owner.as().body(body).post("/stores/" + storeId + "/customers"), 409);
        assertEquals(actual, example("post", "/stores/{storeId}/customers", "409").path("code").asText());
    }

    @Test
    @DisplayName("412: a stale If-Match gets the documented code on every operation taking If-Match")
    void preconditionExamplesMatchTheService() {
        Api.User owner = Api.user("oas-owner");
        String storeId = store(owner);
        String actual = problemCode(owner.as().header("If-Match", "\"999\"").body(Map.of("name", Api.unique("renamed")))
                .patch("/stores/" + storeId), 412);
        assertAllEqual("412", actual, exampleCodes("412"));
    }

    @Test
    @DisplayName("413: an oversized body gets the documented code on every operation with a body")
    void payloadTooLargeExamplesMatchTheService() {
        Api.User owner = Api.user("oas-owner");
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        String actual = problemCode(owner.as().body(huge).post("/stores"), 413);
        assertAllEqual("413", actual, exampleCodes("413"));
    }

    @Test
    @DisplayName("406 and 415: accepting only XML, or sending XML, gets the documented code on every operation")
    void mediaTypeExamplesMatchTheService() {
        Api.User owner = Api.user("oas-owner");
        String notAcceptable = problemCode(given().auth().oauth2(owner.token()).accept("application/xml").get("/stores"), 406);
        assertAllEqual("406", notAcceptable, exampleCodes("406"));
        String unsupported = problemCode(given().auth().oauth2(owner.token()).contentType("application/xml").body("<a/>")
                .post("/stores"), 415);
        assertAllEqual("415", unsupported, exampleCodes("415"));
    }

    @Test
    @DisplayName("422: a reused Idempotency-Key gets the documented shared example of POST operations")
    void idempotencyExampleMatchesTheService() {
        Api.User owner = Api.user("oas-owner");
        String key = UUID.randomUUID().toString();
        owner.as().header("Idempotency-Key", key).body(Map.of("name", Api.unique("s"), "billingCurrency", "USD", "plan", "GROW"))
                .post("/stores").then().statusCode(201);
        String actual = problemCode(owner.as().header("Idempotency-Key", key)
                .body(Map.of("name", Api.unique("other"), "billingCurrency", "USD", "plan", "GROW")).post("/stores"), 422);
        assertEquals(actual, example("post", "/stores", "422").path("code").asText());
    }

    @Test
    @DisplayName("500: every documented example is the real INTERNAL_ERROR answer, with a correlation id and no failure detail")
    void internalErrorExamplesMatchTheService() {
        Api.User user = Api.user("oas-user");
        Response r = given().auth().oauth2(user.token()).get("/test-probe/boom");
        String actual = problemCode(r, 500);
        assertFalse(r.asString().contains("secret internals"), "the failure is not exposed");
        assertAllEqual("500", actual, exampleCodes("500"));
        JsonNode ex = example("get", "/stores", "500");
        assertEquals(r.jsonPath().getString("detail"), ex.path("detail").asText(), "the example shows the real, generic detail");
        assertFalse(ex.path("correlationId").asText().isBlank(), "the example shows a correlation id");
    }
}
