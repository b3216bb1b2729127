package io.merchantdesk.b2b;

import static io.merchantdesk.b2b.B2bFixtures.contactScene;
import static org.hamcrest.Matchers.equalTo;

import io.merchantdesk.support.Api;
import io.merchantdesk.support.Stores;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 23 item 9: a 404 says what kind of id it did not find, so a customer id is not read as a contact id. */
@QuarkusTest
class ProblemWordingTest {

    @Test
    @DisplayName("A second contact DELETE says the customer id is not a contact of the company")
    void contactNotFoundNamesTheCustomerId() {
        var scene = contactScene("LOCATION_ADMIN");
        String contact = "/stores/" + scene.store() + "/companies/" + scene.company() + "/contacts/" + scene.customer();
        scene.owner().as().delete(contact).then().statusCode(200);
        scene.owner().as().delete(contact).then().statusCode(404).body("code", equalTo("NOT_FOUND"))
                .body("detail", equalTo("Contact (customer " + scene.customer() + ") of company " + scene.company() + " not found"));
        scene.owner().as().get(contact).then().statusCode(404)
                .body("detail", equalTo("Contact (customer " + scene.customer() + ") of company " + scene.company() + " not found"));
    }

    @Test
    @DisplayName("Removing a staff member who is not one names the id as a user id")
    void staffNotFoundNamesTheUserId() {
        Api.User owner = Api.user("wording");
        String store = Stores.store(owner);
        Api.User stranger = Api.user("wording-stranger");
        owner.as().delete("/stores/" + store + "/staff/" + stranger.id()).then().statusCode(404)
                .body("detail", equalTo("Staff member (user " + stranger.id() + ") not found"));
    }
}
