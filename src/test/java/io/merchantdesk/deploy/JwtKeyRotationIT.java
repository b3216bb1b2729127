package io.merchantdesk.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The end of a JWT key rotation, done by configuration only: the packaged application restarted with a
 * JWKS that holds only the new key rejects the old key's tokens and keeps accepting the new key's.
 */
@QuarkusIntegrationTest
@WithTestResource(value = ProdLikeConfig.class, initArgs = @ResourceArg(name = "trusted", value = "new"))
class JwtKeyRotationIT {

    @Test
    @DisplayName("after the old key is removed from the JWKS its tokens are 401, the new key's tokens still work")
    void retiredKeyIsRejected() throws Exception {
        given().auth().oauth2(TestKeys.token(TestKeys.OLD, "rotated-out")).get("/me")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(ScriptRunner.mintToken(TestKeys.OLD, "old-operator", "sync-operator")).get("/me")
                .then().statusCode(401);
        given().auth().oauth2(TestKeys.token(TestKeys.NEW, "rotated-in")).get("/me")
                .then().statusCode(200).body("subject", equalTo("rotated-in"));
    }
}
