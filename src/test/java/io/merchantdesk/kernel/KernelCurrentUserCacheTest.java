package io.merchantdesk.kernel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.merchantdesk.kernel.security.Users;
import io.merchantdesk.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CurrentUser caches token subject → users row (id, e-mail, name). The cache must not hide a profile change:
 * a token whose e-mail or name differs from the cached values reaches the row in the same request, also when
 * it changes back. Access decisions are not cached (see the tenancy tests: a removed member loses access at once).
 */
@QuarkusTest
class KernelCurrentUserCacheTest {
    @Inject
    Users users;

    private Users.UserFacts row(String id) {
        return QuarkusTransaction.requiringNew().call(() -> users.find(UUID.fromString(id)).orElseThrow());
    }

    private String me(String token) {
        return given().auth().oauth2(token).get("/me").then().statusCode(200).extract().path("id");
    }

    @Test
    @DisplayName("a cached caller's new name and e-mail reach the users row at once, and so does a change back")
    void profileChangesPropagateThroughTheCache() {
        String subject = Api.unique("cached");
        String first = Api.token(subject, subject + "@example.com", "First", List.of());
        String id = me(first);
        assertEquals(id, me(first), "same subject, same row");
        assertEquals("First", row(id).name());

        String renamed = Api.token(subject, subject + "@example.com", "Second", List.of());
        given().auth().oauth2(renamed).get("/me").then().statusCode(200).body("id", equalTo(id)).body("name", equalTo("Second"));
        assertEquals("Second", row(id).name());

        String moved = Api.token(subject, subject + "@example.org", "Second", List.of());
        assertEquals(id, me(moved));
        assertEquals(subject + "@example.org", row(id).email());

        assertEquals(id, me(first), "back to the first token's values");
        Users.UserFacts back = row(id);
        assertEquals("First", back.name());
        assertEquals(subject + "@example.com", back.email());
    }

    @Test
    @DisplayName("two subjects never share a cached id")
    void subjectsAreCachedApart() {
        Api.User a = Api.user("cache-a");
        Api.User b = Api.user("cache-b");
        assertNotEquals(a.id(), b.id());
        assertEquals(a.id(), me(a.token()));
        assertEquals(b.id(), me(b.token()));
    }
}
