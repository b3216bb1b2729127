package io.merchantdesk.sync;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;

import io.merchantdesk.support.Api;
import io.merchantdesk.support.TrytonCompany;
import io.merchantdesk.support.Trytond;
import io.merchantdesk.sync.SyncFixtures.Setup;
import io.merchantdesk.sync.engine.Model.CardData;
import io.merchantdesk.sync.tryton.TrytonRpc;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link CompanySyncRules} on a live Tryton 6.0: each test's store is connected to an ERP company of kind TRYTON on a
 * database of its own (a copy of the template); a person's work is a Tryton user's, over JSON-RPC (parties, contact
 * mechanisms, addresses and identifiers as Tryton's client writes them).
 */
@QuarkusTest
class TrytonCompanySyncTest extends CompanySyncRules {
    private static final java.util.concurrent.atomic.AtomicInteger SETUPS = new java.util.concurrent.atomic.AtomicInteger();
    private final List<TrytonRpc> admins = new ArrayList<>();
    private final Map<String, TrytonRpc> adminOf = new HashMap<>();

    @AfterEach
    void logout() {
        admins.forEach(TrytonRpc::logout);
        admins.clear();
        Trytond.shared().start();
    }

    @Override
    protected Setup setup() {
        // a database name of its own per setup: trytond caches what it knows of a database by name
        TrytonCompany.Database db = TrytonCompany.newDatabase("co" + SETUPS.incrementAndGet());
        TrytonRpc admin = db.admin();
        admins.add(admin);
        Api.User owner = Api.user("tryton-companies");
        String storeId = owner.as().body(Map.of("name", Api.unique("store"), "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        Setup s = new Setup(owner, storeId, db.erpCompany(owner));
        SyncFixtures.template(s, "RETAIL", "DOMESTIC", "DOMESTIC", "DOMESTIC", null);
        adminOf.put(s.companyId(), admin);
        return s;
    }

    private TrytonRpc admin(Setup s) {
        return adminOf.get(s.companyId());
    }

    private long partyId(Setup s, String code) {
        return admin(s).search("party.party", List.of(clause("code", "=", code)), 0, 1, List.of()).get(0);
    }

    @Override
    protected String createByHand(Setup s, CardData d) {
        TrytonRpc admin = admin(s);
        Map<String, Object> party = new HashMap<>();
        party.put("name", d.name());
        List<Map<String, Object>> mechanisms = new ArrayList<>();
        if (d.email() != null) mechanisms.add(Map.of("type", "email", "value", d.email()));
        if (d.phone() != null) mechanisms.add(Map.of("type", "phone", "value", d.phone()));
        if (!mechanisms.isEmpty()) party.put("contact_mechanisms", List.of(List.of("create", mechanisms)));
        Map<String, Object> address = new HashMap<>();
        address.put("street", d.address());
        address.put("city", d.city());
        address.put("postal_code", d.postCode());
        address.put("country", admin.search("country.country", List.of(clause("code", "=", d.countryCode())), 0, 1, List.of()).get(0));
        party.put("addresses", List.of(List.of("create", List.of(address))));
        List<Map<String, Object>> identifiers = new ArrayList<>(); // as a person enters them on the Identifiers tab
        if (d.vatRegistrationNo() != null) identifiers.add(identifier("eu_vat", d.vatRegistrationNo()));
        if (d.registrationNo() != null) identifiers.add(identifier(null, d.registrationNo()));
        if (!identifiers.isEmpty()) party.put("identifiers", List.of(List.of("create", identifiers)));
        long id = admin.create("party.party", List.of(party)).get(0);
        return (String) admin.read("party.party", List.of(id), List.of("code")).get(0).get("code");
    }

    private static Map<String, Object> identifier(String type, String code) {
        Map<String, Object> i = new HashMap<>();
        i.put("type", type);
        i.put("code", code);
        return i;
    }

    @Override
    protected void editByHand(Setup s, String customerNo, String name, String city) {
        long party = partyId(s, customerNo);
        admin(s).write("party.party", List.of(party), Map.of("name", name));
        List<Long> first = admin(s).search("party.address", List.of(clause("party", "=", party)), 0, 1, List.of(TrytonRpc.Order.asc("sequence"),
                TrytonRpc.Order.asc("id")));
        admin(s).write("party.address", first, Map.of("city", city));
    }

    @Override
    protected void deleteByHand(Setup s, String customerNo) {
        admin(s).delete("party.party", List.of(partyId(s, customerNo)));
    }
}
