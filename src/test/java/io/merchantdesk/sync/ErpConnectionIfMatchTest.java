package io.merchantdesk.sync;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.openapi.ServedOpenApi;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 23 item 9: replacing an existing connection or country row needs If-Match, as their descriptions say. */
@io.quarkus.test.junit.QuarkusTest
class ErpConnectionIfMatchTest {

    @Test
    @DisplayName("PUT erp-connection: creating needs no If-Match; replacing without it is 428, stale 412, current 200")
    void connectionReplacementNeedsIfMatch() {
        SyncFixtures.Setup s = SyncFixtures.setup();
        Map<String, Object> body = Map.of("erpCompanyId", s.companyId());
        String etag = s.owner().as().body(body).put(s.store("/erp-connection")).then().statusCode(200).extract().header("ETag");

        s.owner().as().body(body).put(s.store("/erp-connection")).then().statusCode(428)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("PRECONDITION_REQUIRED"));
        s.owner().as().header("If-Match", "\"999\"").body(body).put(s.store("/erp-connection")).then().statusCode(412)
                .body("code", equalTo("PRECONDITION_FAILED"));
        s.owner().as().header("If-Match", etag).body(body).put(s.store("/erp-connection")).then().statusCode(200);
    }

    @Test
    @DisplayName("PUT a country template row: creating needs no If-Match; replacing without it is 428, with the ETag 200")
    void rowReplacementNeedsIfMatch() {
        SyncFixtures.Setup s = SyncFixtures.setup();
        SyncFixtures.connect(s);
        Map<String, Object> body = Map.of("customerTemplateCode", "RETAIL");
        String etag = s.owner().as().body(body).put(s.store("/erp-connection/customer-templates/NO")).then().statusCode(200)
                .extract().header("ETag");
        s.owner().as().body(body).put(s.store("/erp-connection/customer-templates/NO")).then().statusCode(428)
                .body("code", equalTo("PRECONDITION_REQUIRED"));
        s.owner().as().header("If-Match", etag).body(body).put(s.store("/erp-connection/customer-templates/NO")).then().statusCode(200);
    }

    @Test
    @DisplayName("The document promises exactly that: 428 documented on both PUTs; no description calls If-Match required elsewhere")
    void documentSaysSo() {
        var ops = ServedOpenApi.operations(ServedOpenApi.document());
        for (var op : ops) {
            boolean documents428 = !op.response("428").isMissingNode();
            boolean saysRequired = op.description().contains("If-Match with the ETag is required")
                    || op.description().contains("If-Match with its ETag is required");
            assertTrue(documents428 == saysRequired, op.where() + ": 428 documented " + documents428 + ", description: " + op.description());
            assertTrue(!op.description().startsWith("Needs If-Match"), op.where() + " says If-Match is needed but answers without it");
            if (documents428) {
                assertTrue(op.response("428").path("content").path("application/problem+json").path("example").path("code")
                        .asText().equals("PRECONDITION_REQUIRED"), op.where());
            }
        }
    }
}
