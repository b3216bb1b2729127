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
        return io.merchantdesk.support.CardsByHand.trytonParty(admin(s), d);
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
