package io.merchantdesk.sync.port;

import io.merchantdesk.support.Api;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient;
import io.merchantdesk.sync.businesscentral.BusinessCentralReference;
import io.merchantdesk.sync.businesscentral.BusinessCentralSessions;
import io.merchantdesk.sync.businesscentral.BusinessCentralSimulator;
import io.merchantdesk.sync.engine.Model.CardData;
import io.merchantdesk.sync.engine.Model.Template;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link ErpPortContract} on Business Central, i.e. on {@link BusinessCentralSimulator} (Business Central cannot run
 * here; the simulator follows Microsoft's documented shapes): a company of kind BUSINESS_CENTRAL made through the API
 * whose sessions the port opens. "By hand" is a BC user: the simulator's own API client, or the simulator's edit hooks
 * for a write that BC stamps earlier than it commits. The simulator's clock is moved by hand, one second per person's
 * write, so every write has a time of its own (BC's {@code lastModifiedDateTime} is what the change scan pages by).
 *
 * <p>Differences by design, expressed through the suite's capability hooks, not skipped: API v2.0's customer has no
 * Contact (nor Name 2), so {@link #keepsContact()} is false (the adapter neither writes nor reads it); it keeps one tax
 * id (taxRegistrationNumber, the VAT registration number) and no ship-to addresses, so {@link #features()} is
 * {@code ErpFeatures.BUSINESS_CENTRAL}; BC's payment
 * terms are codes such as {@code 14 DAYS}, so the template names one the simulated company has.
 */
@QuarkusTest
class BusinessCentralErpPortContractTest extends ErpPortContract {
    private static BusinessCentralSessions sim;
    private static BusinessCentralClient bcUser;

    /** Started with the first test (it makes its ERP company through the API, which is up only then). */
    @BeforeEach
    void simulator() throws Exception {
        if (sim == null) {
            sim = BusinessCentralSessions.start("bc-port-contract");
            bcUser = sim.client();
        }
    }

    @AfterAll
    static void stop() {
        if (sim == null) return;
        bcUser.close();
        sim.close();
        sim = null;
    }

    @Override
    protected String newCompany(Api.User owner) {
        return owner.as().body(BusinessCentralSessions.company(sim.bc, BusinessCentralSimulator.CLIENT_SECRET)).post("/erp-companies")
                .then().statusCode(201).extract().path("id");
    }

    /** API v2.0's customer has no Contact property: not written, read back empty (docs/sync.md, "Business Central adapter"). */
    @Override
    protected boolean keepsContact() {
        return false;
    }

    /** API v2.0 keeps one tax id (taxRegistrationNumber) and has no ship-to addresses (ErpFeatures). */
    @Override
    protected io.merchantdesk.sync.engine.ErpFeatures features() {
        return io.merchantdesk.sync.engine.ErpFeatures.BUSINESS_CENTRAL;
    }

    @Override
    protected Template template() {
        return new Template("RETAIL", "DOMESTIC", "DOMESTIC", "DOMESTIC", null, "14 DAYS", false, List.of());
    }

    private static void tick() {
        sim.clock.advance(Duration.ofSeconds(1));
    }

    @Override
    protected String createByHand(CardData d) {
        tick();
        return bcUser.create(io.merchantdesk.support.CardsByHand.businessCentralValues(d)).number();
    }

    private static String id(String number) {
        return sim.bc.customers().stream().filter(c -> number.equals(c.path("number").asText())).findFirst().orElseThrow()
                .path("id").asText();
    }

    @Override
    protected void renameByHand(String customerNo, String name) {
        tick();
        sim.bc.editInBc(id(customerNo), "displayName", name);
    }

    /** A BC write that began now and commits later: on commit it changes the customer, stamped with its start. */
    @Override
    protected OpenEdit renameInOpenTransaction(String customerNo, String name) {
        tick();
        Instant began = sim.clock.instant();
        String id = id(customerNo);
        return () -> {
            tick();
            sim.bc.editInBcLate(id, "displayName", name, Duration.between(began, sim.clock.instant()));
        };
    }

    @Override
    protected int cardsWithReference(String reference) {
        String number = BusinessCentralReference.number(reference);
        return (int) sim.bc.customers().stream().filter(c -> number.equals(c.path("number").asText())).count();
    }

    @Override
    protected int documentsFor(String orderReference) {
        String external = BusinessCentralReference.documentReference(orderReference);
        return (int) sim.bc.salesOrders().stream().filter(o -> external.equals(o.path("externalDocumentNumber").asText())).count();
    }

    @Override
    protected boolean placesDocuments() {
        return true;
    }
}
