package io.merchantdesk.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Test helpers: unique users with tokens from /dev/tokens, and request specs acting as them. */
public final class Api {
    private static final AtomicLong SEQ = new AtomicLong();

    private Api() {}

    /** A user of the running service: subject, token and (provisioned) id. */
    public record User(String subject, String email, String token, String id) {
        public RequestSpecification as() {
            return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + SEQ.incrementAndGet();
    }

    public static String token(String subject, String email, String name, List<String> roles) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("subject", subject, "email", email, "name", name, "roles", roles))
                .post("/dev/tokens")
                .then().statusCode(200).extract().path("token");
    }

    /** A new user (unique subject), provisioned through GET /me. */
    public static User user(String label, String... roles) {
        String subject = unique(label);
        String email = subject + "@example.com";
        String token = token(subject, email, label, List.of(roles));
        String id = given().auth().oauth2(token).get("/me").then().statusCode(200).extract().path("id");
        return new User(subject, email, token, id);
    }
}
