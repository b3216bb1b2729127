package io.merchantdesk.sync.businesscentral;

import io.merchantdesk.support.Api;
import io.merchantdesk.sync.businesscentral.BusinessCentralSimulator.TestClock;
import io.merchantdesk.sync.engine.ErpPort;
import io.merchantdesk.sync.engine.ErpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A Business Central simulator with a BUSINESS_CENTRAL ERP company of merchantdesk pointing at it (created through the
 * API, so the company, its sealed secret and its templates are the real ones): {@code open(port)} gives the session the
 * engine would get from {@link ErpPort#open}. For the session tests and for a Business Central subclass of the port's
 * contract suite. Needs a running {@code @QuarkusTest} application.
 */
public final class BusinessCentralSessions implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    public final TestClock clock = new TestClock(T0);
    public final BusinessCentralSimulator bc;
    public final Api.User owner;
    public final UUID companyId;

    private BusinessCentralSessions(String label, String secret) throws Exception {
        bc = new BusinessCentralSimulator(clock);
        owner = Api.user(label);
        companyId = UUID.fromString(owner.as().body(company(bc, secret)).post("/erp-companies").then().statusCode(201)
                .extract().path("id"));
    }

    /** A simulator and a company whose credentials it accepts. */
    public static BusinessCentralSessions start(String label) throws Exception {
        return new BusinessCentralSessions(label, BusinessCentralSimulator.CLIENT_SECRET);
    }

    /** A simulator and a company whose client secret it refuses. */
    public static BusinessCentralSessions withSecret(String label, String secret) throws Exception {
        return new BusinessCentralSessions(label, secret);
    }

    /** The create request of a BUSINESS_CENTRAL company on the simulator (endpoint and authority both the simulator). */
    public static Map<String, Object> company(BusinessCentralSimulator bc, String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", Api.unique("bc"));
        body.put("kind", "BUSINESS_CENTRAL");
        body.put("endpoint", bc.baseUri().toString());
        body.put("authority", bc.baseUri().toString());
        body.put("tenantId", BusinessCentralSimulator.TENANT);
        body.put("environment", BusinessCentralSimulator.ENVIRONMENT);
        body.put("companyId", bc.companyId().toString());
        body.put("clientId", BusinessCentralSimulator.CLIENT_ID);
        body.put("clientSecret", secret);
        return body;
    }

    /** A customer template of the company (kept by merchantdesk, applied by the adapter on create). */
    public void template(String code, String paymentTermsCode, String vatBusPostingGroup) {
        Map<String, Object> t = new HashMap<>(Map.of("code", code, "genBusPostingGroup", "DOMESTIC", "customerPostingGroup", "DOMESTIC"));
        if (paymentTermsCode != null) t.put("paymentTermsCode", paymentTermsCode);
        if (vatBusPostingGroup != null) t.put("vatBusPostingGroup", vatBusPostingGroup);
        owner.as().body(t).post("/erp-companies/" + companyId + "/customer-templates").then().statusCode(201);
    }

    /** The session the engine would open for this company. */
    public ErpSession open(ErpPort port) {
        return port.open(companyId);
    }

    /** A client of the simulator of its own, to set up or read BC's side directly (as a BC user would). */
    public BusinessCentralClient client() {
        return new BusinessCentralClient(bc.settings(Duration.ofSeconds(5)), clock);
    }

    @Override
    public void close() {
        bc.close();
    }
}
