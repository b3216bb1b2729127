package io.merchantdesk.kernel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KernelConventionsTest {

    @Test
    void getRequestsLoadReadOnlyButTheirTransactionsAndOtherMethodsDoNot() {
        var user = Api.user("kernel");
        user.as().get("/test-probe/session").then().statusCode(200).body("", equalTo(List.of(true, false)));
        user.as().post("/test-probe/session").then().statusCode(200).body("", equalTo(List.of(false)));
    }

    @Test
    void malformedJsonIs400ProblemAndNothingIsApplied() {
        var user = Api.user("kernel");
        int before = KernelProbeResource.CREATED.get();
        user.as().body("{\"name\": \"x\", ").post("/test-probe/items")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON")).body("status", equalTo(400)).body("correlationId", notNullValue());
        assertEquals(before, KernelProbeResource.CREATED.get());
    }

    @Test
    void unknownEnumValueNamesTheFieldAndTheAllowedValues() {
        var user = Api.user("kernel");
        user.as().body("{\"name\":\"x\",\"colour\":\"PURPLE\",\"quantity\":1}").post("/test-probe/items")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("UNKNOWN_ENUM_VALUE"))
                .body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", containsString("RED, GREEN"));
    }

    @Test
    void wrongTypeNamesTheNestedField() {
        var user = Api.user("kernel");
        user.as().body("{\"name\":\"x\",\"colour\":\"RED\",\"quantity\":\"many\"}").post("/test-probe/items")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_FIELD_TYPE"))
                .body("errors[0].field", equalTo("quantity"));
    }

    @Test
    void beanValidationListsEveryOffendingField() {
        var user = Api.user("kernel");
        user.as().body("{\"name\":\"\",\"colour\":\"RED\",\"quantity\":0,\"parts\":[{\"sku\":\"\"}]}").post("/test-probe/items")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("name", "quantity", "parts[0].sku"));
    }

    @Test
    void unexpectedErrorIs500WithCorrelationIdAndNoInternals() {
        var user = Api.user("kernel");
        given().auth().oauth2(user.token()).header("X-Correlation-Id", "trace-123").get("/test-probe/boom")
                .then().statusCode(500).contentType("application/problem+json")
                .header("X-Correlation-Id", "trace-123")
                .body("code", equalTo("INTERNAL_ERROR"))
                .body("correlationId", equalTo("trace-123"))
                .body(not(containsString("secret internals")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void unknownPathIs404Problem() {
        var user = Api.user("kernel");
        user.as().get("/no-such-thing").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        var user = Api.user("kernel");
        String key = Api.unique("key");
        int before = KernelProbeResource.CREATED.get();
        String body = "{\"name\":\"first\",\"colour\":\"RED\",\"quantity\":1}";
        String id1 = user.as().header("Idempotency-Key", key).body(body).post("/test-probe/items")
                .then().statusCode(201).extract().path("id");
        String id2 = user.as().header("Idempotency-Key", key).body(body).post("/test-probe/items")
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(id1, id2);
        assertEquals(before + 1, KernelProbeResource.CREATED.get());
        user.as().header("Idempotency-Key", key).body("{\"name\":\"other\",\"colour\":\"RED\",\"quantity\":1}")
                .post("/test-probe/items")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        // Keys are per caller: another user may use the same key.
        var other = Api.user("kernel");
        other.as().header("Idempotency-Key", key).body(body).post("/test-probe/items")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void failedRequestsAreNotStoredSoACorrectedRetryMayReuseTheKey() {
        var user = Api.user("kernel");
        String key = Api.unique("key");
        user.as().header("Idempotency-Key", key).body("{\"name\":\"\",\"colour\":\"RED\",\"quantity\":1}").post("/test-probe/items")
                .then().statusCode(400);
        user.as().header("Idempotency-Key", key).body("{\"name\":\"ok\",\"colour\":\"RED\",\"quantity\":1}").post("/test-probe/items")
                .then().statusCode(201);
    }

    @Test
    void staleIfMatchIs412() {
        var user = Api.user("kernel");
        user.as().header("If-Match", "\"2\"").patch("/test-probe/versioned")
                .then().statusCode(412).contentType("application/problem+json").body("code", equalTo("PRECONDITION_FAILED"));
        user.as().header("If-Match", "\"3\"").patch("/test-probe/versioned").then().statusCode(200);
    }

    @Test
    void keysetPagingWalksEveryRowOnceAndLimitsAreValidated() {
        var user = Api.user("kernel");
        String cursor = user.as().queryParam("limit", 3).get("/test-probe/numbers")
                .then().statusCode(200).body("items", contains(0, 1, 2)).extract().path("nextCursor");
        String cursor2 = user.as().queryParam("limit", 3).queryParam("cursor", cursor).get("/test-probe/numbers")
                .then().statusCode(200).body("items", contains(3, 4, 5)).extract().path("nextCursor");
        user.as().queryParam("limit", 3).queryParam("cursor", cursor2).get("/test-probe/numbers")
                .then().statusCode(200).body("items", contains(6)).body("nextCursor", nullValue());
        user.as().queryParam("limit", 251).get("/test-probe/numbers")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        user.as().queryParam("cursor", "garbage!").get("/test-probe/numbers")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        // A well-formed cursor whose key is not the type the list expects (forged) is a 400 too, on real lists.
        String forged = io.merchantdesk.kernel.paging.Cursors.encode("not-a-uuid");
        for (String list : List.of("/stores", "/organizations", "/partners")) {
            user.as().queryParam("cursor", forged).get(list)
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        }
    }

    @Test
    void oversizedBodyIs413Problem() {
        var user = Api.user("kernel");
        String big = "{\"name\":\"" + "x".repeat(1_200_000) + "\",\"colour\":\"RED\",\"quantity\":1}";
        user.as().body(big).post("/test-probe/items")
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }
}
