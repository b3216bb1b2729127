package io.merchantdesk.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdentityTest {

    @Test
    void meWithoutTokenIs401Problem() {
        given().get("/me").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void meWithForgedTokenIs401() {
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").get("/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void meProvisionsTheUserOnceAndFollowsTheToken() {
        String subject = Api.unique("me");
        String token = Api.token(subject, subject + "@example.com", "First Name", List.of("sales-rep"));
        String id = given().auth().oauth2(token).get("/me").then().statusCode(200)
                .body("subject", equalTo(subject)).body("email", equalTo(subject + "@example.com"))
                .body("roles", contains("sales-rep"))
                .extract().path("id");
        String renamed = Api.token(subject, subject + "@example.com", "New Name", List.of());
        given().auth().oauth2(renamed).get("/me").then().statusCode(200)
                .body("id", equalTo(id)).body("name", equalTo("New Name"));
    }

    @Test
    void devTokensValidatesItsInput() {
        given().contentType("application/json").body("{\"subject\":\"\",\"email\":\"not-an-email\"}").post("/dev/tokens")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("subject", "email"));
    }

    @Test
    void healthAndMetricsAreOpen() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
    }
}
