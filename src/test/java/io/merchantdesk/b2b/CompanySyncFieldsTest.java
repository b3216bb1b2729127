package io.merchantdesk.b2b;

import static io.merchantdesk.b2b.B2bFixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 24: what the ERP sync of B2B companies needs from the store's companies (the tax registration id of a location). */
@QuarkusTest
class CompanySyncFieldsTest {

    private static String companyPath(String store, String company) {
        return "/stores/" + store + "/companies/" + company;
    }

    private static Map<String, Object> locationBody(String name, String taxId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("billingAddress", address("BE"));
        if (taxId != null) body.put("taxRegistrationId", taxId);
        return body;
    }

    @Test
    @DisplayName("SYNC-20: a location's tax registration id: set on create (trimmed), replaced by PUT, removed when left out or blank; "
            + "more than 50 characters is 400 on taxRegistrationId")
    void locationTaxRegistrationId() {
        var scene = companyScene(0);
        var alice = scene.owner();
        String store = scene.store(), company = scene.company();
        String locations = companyPath(store, company) + "/locations";
        var created = alice.as().body(locationBody("Brussels office", "  BE0477472701 ")).post(locations).then().statusCode(201)
                .body("taxRegistrationId", equalTo("BE0477472701")).extract();
        String loc = created.path("id");
        String path = locations + "/" + loc;
        alice.as().get(path).then().statusCode(200).body("taxRegistrationId", equalTo("BE0477472701"));
        alice.as().get(locations).then().statusCode(200).body("items[0].taxRegistrationId", equalTo("BE0477472701"));

        String etag = alice.as().header("If-Match", created.header("ETag")).body(locationBody("Brussels office", "BE 0477.472.701"))
                .put(path).then().statusCode(200).body("taxRegistrationId", equalTo("BE 0477.472.701")).body("version", equalTo(1))
                .extract().header("ETag");
        // The whole location is replaced: left out, the tax id is removed.
        etag = alice.as().header("If-Match", etag).body(locationBody("Brussels office", null)).put(path).then().statusCode(200)
                .body("$", not(hasKey("taxRegistrationId"))).extract().header("ETag");
        alice.as().header("If-Match", etag).body(locationBody("Brussels office", "NL123456789B01")).put(path).then().statusCode(200)
                .body("taxRegistrationId", equalTo("NL123456789B01"));
        alice.as().body(locationBody("Brussels office", "   ")).put(path).then().statusCode(200)
                .body("$", not(hasKey("taxRegistrationId")));
        alice.as().body(locationBody("Ghent depot", " ")).post(locations).then().statusCode(201)
                .body("$", not(hasKey("taxRegistrationId")));

        String tooLong = "BE" + "0".repeat(49);
        alice.as().body(locationBody("Antwerp", tooLong)).post(locations).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", contains("taxRegistrationId"));
        alice.as().body(locationBody("Brussels office", tooLong)).put(path).then().statusCode(400)
                .body("errors.field", contains("taxRegistrationId"));
        alice.as().body(locationBody("Antwerp", "BE" + "0".repeat(48))).post(locations).then().statusCode(201)
                .body("taxRegistrationId", hasLength(50));
        alice.as().get(path).then().body("$", not(hasKey("taxRegistrationId"))).body("name", equalTo("Brussels office"));
    }
}
