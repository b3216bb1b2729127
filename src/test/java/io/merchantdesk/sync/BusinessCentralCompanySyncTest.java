package io.merchantdesk.sync;

import io.merchantdesk.support.Api;
import io.merchantdesk.sync.SyncFixtures.Setup;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient;
import io.merchantdesk.sync.businesscentral.BusinessCentralSessions;
import io.merchantdesk.sync.businesscentral.BusinessCentralSimulator;
import io.merchantdesk.sync.engine.ErpFeatures;
import io.merchantdesk.sync.engine.Model.CardData;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link CompanySyncRules} on Business Central, i.e. on {@link BusinessCentralSimulator} (Business Central cannot run here;
 * the simulator follows Microsoft's documented API v2.0 shapes). One simulated BC company serves the class; each test's
 * store has an ERP company of its own on it, and its data is unique, so the tests do not see each other's customers as
 * theirs. A person's work is the simulator's own client, or its edit and delete hooks; the clock moves a second per write.
 * API v2.0 keeps only the VAT registration number and has no ship-to addresses ({@link ErpFeatures#BUSINESS_CENTRAL}).
 */
@QuarkusTest
class BusinessCentralCompanySyncTest extends CompanySyncRules {
    private static BusinessCentralSimulator sim;
    private static BusinessCentralSimulator.TestClock clock;
    private static BusinessCentralClient bcUser;

    @Override
    protected ErpFeatures features() {
        return ErpFeatures.BUSINESS_CENTRAL;
    }

    @Override
    protected Setup setup() {
        try {
            if (sim == null) {
                clock = new BusinessCentralSimulator.TestClock(BusinessCentralSessions.T0);
                sim = new BusinessCentralSimulator(clock);
                bcUser = new BusinessCentralClient(sim.settings(Duration.ofSeconds(5)), clock);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Api.User owner = Api.user("bc-companies");
        String storeId = owner.as().body(Map.of("name", Api.unique("store"), "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        String companyId = owner.as().body(BusinessCentralSessions.company(sim, BusinessCentralSimulator.CLIENT_SECRET)).post("/erp-companies")
                .then().statusCode(201).extract().path("id");
        Setup s = new Setup(owner, storeId, companyId);
        owner.as().body(Map.of("code", "RETAIL", "genBusPostingGroup", "DOMESTIC", "customerPostingGroup", "DOMESTIC", "vatBusPostingGroup",
                "DOMESTIC", "paymentTermsCode", "14 DAYS")).post(s.erp("/customer-templates")).then().statusCode(201);
        return s;
    }

    @AfterAll
    static void stop() {
        if (sim == null) return;
        bcUser.close();
        sim.close();
        sim = null;
    }

    private static void tick() {
        clock.advance(Duration.ofSeconds(1));
    }

    private static String id(String number) {
        return sim.customers().stream().filter(c -> number.equals(c.path("number").asText())).findFirst().orElseThrow().path("id").asText();
    }

    @Override
    protected String createByHand(Setup s, CardData d) {
        tick();
        return bcUser.create(io.merchantdesk.support.CardsByHand.businessCentralValues(d)).number();
    }

    @Override
    protected void editByHand(Setup s, String customerNo, String name, String city) {
        tick();
        sim.editInBc(id(customerNo), "displayName", name);
        sim.editInBc(id(customerNo), "city", city);
    }

    @Override
    protected void deleteByHand(Setup s, String customerNo) {
        tick();
        sim.deleteInBc(id(customerNo));
    }
}
