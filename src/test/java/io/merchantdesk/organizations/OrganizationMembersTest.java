package io.merchantdesk.organizations;

import static io.merchantdesk.organizations.OrgFixtures.*;
import static io.merchantdesk.support.Stores.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** GET /organizations/{id}/members is keyset-paged like every other list. */
@QuarkusTest
class OrganizationMembersTest {

    @Test
    @DisplayName("Members list pages: owner first, then members by id, across two pages with limit and nextCursor")
    void membersPageAcrossTwoPages() {
        var alice = Api.user("alice");
        String org = organization(alice, store(alice), store(alice));
        var m1 = Api.user("m1");
        var m2 = Api.user("m2");
        var m3 = Api.user("m3");
        member(alice, org, m1, "ADMIN");
        member(alice, org, m2, "MEMBER", "ORGANIZATION_VIEW_STORES");
        member(alice, org, m3, "MEMBER");
        List<String> memberIds = new ArrayList<>(List.of(m1.id(), m2.id(), m3.id()));
        memberIds.sort(null);

        var first = alice.as().queryParam("limit", 2).get("/organizations/" + org + "/members").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].userId", equalTo(alice.id()))
                .body("items[0].role", equalTo("OWNER"))
                .body("items[0].permissions", hasItems("ORGANIZATION_BILLING", "ORGANIZATION_MANAGE_USERS"))
                .body("items[1].userId", equalTo(memberIds.get(0)))
                .body("nextCursor", notNullValue())
                .extract();
        String cursor = first.path("nextCursor");
        alice.as().queryParam("limit", 2).queryParam("cursor", cursor).get("/organizations/" + org + "/members").then().statusCode(200)
                .body("items.userId", contains(memberIds.get(1), memberIds.get(2)))
                .body("items.organizationId", everyItem(equalTo(org)))
                .body("nextCursor", nullValue());

        // A page that ends on the owner continues with the first member; the whole list is seen once.
        List<String> seen = new ArrayList<>();
        String next = null;
        do {
            var spec = m2.as().queryParam("limit", 1);
            if (next != null) spec = spec.queryParam("cursor", next);
            var page = spec.get("/organizations/" + org + "/members").then().statusCode(200).body("items", hasSize(1)).extract();
            seen.add(page.path("items[0].userId"));
            next = page.path("nextCursor");
        } while (next != null);
        List<String> all = new ArrayList<>(List.of(alice.id()));
        all.addAll(memberIds);
        assertEquals(all, seen);
        // Without paging parameters: the first page of 50, everything fits.
        alice.as().get("/organizations/" + org + "/members").then().statusCode(200)
                .body("items", hasSize(4)).body("nextCursor", nullValue());
    }

    @Test
    @DisplayName("Members list: a forged cursor or a bad limit is a 400; strangers get 404")
    void forgedCursorIs400() {
        var alice = Api.user("alice");
        var stranger = Api.user("stranger");
        String org = organization(alice, store(alice), store(alice));
        String path = "/organizations/" + org + "/members";
        alice.as().queryParam("cursor", "not-a-cursor").get(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("[\"not-a-uuid\"]".getBytes(StandardCharsets.UTF_8));
        alice.as().queryParam("cursor", forged).get(path).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        String twoKeys = Base64.getUrlEncoder().withoutPadding().encodeToString(("[\"" + alice.id() + "\",\"x\"]").getBytes(StandardCharsets.UTF_8));
        alice.as().queryParam("cursor", twoKeys).get(path).then().statusCode(400);
        alice.as().queryParam("limit", 0).get(path).then().statusCode(400);
        alice.as().queryParam("limit", 251).get(path).then().statusCode(400);
        stranger.as().get(path).then().statusCode(404);
        stranger.as().queryParam("cursor", "not-a-cursor").get(path).then().statusCode(404);
    }
}
