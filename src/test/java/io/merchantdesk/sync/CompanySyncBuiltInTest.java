package io.merchantdesk.sync;

import io.merchantdesk.sync.SyncFixtures.Setup;
import io.merchantdesk.sync.engine.Model.CardData;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** {@link CompanySyncRules} on the built-in register; a person works in it through its REST API. */
@QuarkusTest
class CompanySyncBuiltInTest extends CompanySyncRules {
    @Override
    protected Setup setup() {
        return SyncFixtures.setup();
    }

    @Override
    protected String createByHand(Setup s, CardData d) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", d.name());
        body.put("address", d.address());
        body.put("city", d.city());
        body.put("postCode", d.postCode());
        body.put("countryCode", d.countryCode());
        body.put("phone", d.phone());
        body.put("email", d.email());
        body.put("registrationNo", d.registrationNo());
        body.put("vatRegistrationNo", d.vatRegistrationNo());
        body.put("templateCode", "RETAIL");
        body.values().removeIf(Objects::isNull);
        return s.owner().as().body(body).post(s.erp("/customers")).then().statusCode(201).extract().path("customerNo");
    }

    @Override
    protected void editByHand(Setup s, String customerNo, String name, String city) {
        long version = s.owner().as().get(s.erp("/customers/" + customerNo)).then().statusCode(200).extract().jsonPath().getLong("version");
        s.owner().as().header("If-Match", "\"" + version + "\"").body(Map.of("name", name, "city", city)).patch(s.erp("/customers/" + customerNo))
                .then().statusCode(200);
    }

    @Override
    protected void deleteByHand(Setup s, String customerNo) {
        long version = s.owner().as().get(s.erp("/customers/" + customerNo)).then().statusCode(200).extract().jsonPath().getLong("version");
        s.owner().as().header("If-Match", "\"" + version + "\"").delete(s.erp("/customers/" + customerNo)).then().statusCode(204);
    }
}
