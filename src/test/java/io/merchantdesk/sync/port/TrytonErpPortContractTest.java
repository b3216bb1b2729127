package io.merchantdesk.sync.port;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.support.AnswerDroppingProxy;
import io.merchantdesk.support.Api;
import io.merchantdesk.support.TrytonCompany;
import io.merchantdesk.support.Trytond;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.Model.CardData;
import io.merchantdesk.sync.engine.Model.Created;
import io.merchantdesk.sync.engine.Model.ErpCard;
import io.merchantdesk.sync.engine.Model.NewCard;
import io.merchantdesk.sync.remote.ErpTarget;
import io.merchantdesk.sync.tryton.TrytonErpAdapter;
import io.merchantdesk.sync.tryton.TrytonRpc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link ErpPortContract} on a live Tryton 6.0 ({@link Trytond}, a copy of the template database with a company and
 * currencies), through the port: a company of kind TRYTON whose sealed password the port opens. "By hand" is what a
 * person does in Tryton's client: JSON-RPC calls on party.party, or SQL for a transaction held open.
 */
@QuarkusTest
class TrytonErpPortContractTest extends ErpPortContract {
    private static TrytonCompany.Database db;
    private static TrytonRpc admin;

    @Inject
    TrytonErpAdapter adapter;

    @BeforeAll
    static void trytond() {
        db = TrytonCompany.newDatabase("port");
        admin = db.admin();
        // what the template RETAIL points to in Tryton: a payment term and a category of those names
        admin.create("account.invoice.payment_term", List.of(Map.of("name", "14D", "lines",
                List.of(List.of("create", List.of(Map.of("type", "remainder")))))));
        admin.create("party.category", List.of(Map.of("name", "RETAIL")));
    }

    @AfterAll
    static void logout() {
        admin.logout();
    }

    @Override
    protected String newCompany(Api.User owner) {
        return db.erpCompany(owner);
    }

    @Override
    protected String createByHand(CardData d) {
        Map<String, Object> party = new HashMap<>();
        party.put("name", d.name());
        List<Map<String, Object>> mechanisms = new ArrayList<>();
        if (d.email() != null) mechanisms.add(mechanism("email", d.email(), d.contact()));
        if (d.phone() != null) mechanisms.add(mechanism("phone", d.phone(), d.contact()));
        if (!mechanisms.isEmpty()) party.put("contact_mechanisms", List.of(List.of("create", mechanisms)));
        Map<String, Object> address = new HashMap<>();
        address.put("street", d.address2() == null ? d.address() : d.address() + "\n" + d.address2());
        address.put("city", d.city());
        address.put("postal_code", d.postCode());
        address.put("party_name", d.name2());
        address.put("country", admin.search("country.country", List.of(clause("code", "=", d.countryCode())), 0, 1, List.of()).get(0));
        party.put("addresses", List.of(List.of("create", List.of(address))));
        long id = admin.create("party.party", List.of(party)).get(0);
        return (String) admin.read("party.party", List.of(id), List.of("code")).get(0).get("code");
    }

    private static Map<String, Object> mechanism(String type, String value, String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", type);
        m.put("value", value);
        m.put("name", name);
        return m;
    }

    private long partyId(String code) {
        return admin.search("party.party", List.of(clause("code", "=", code)), 0, 1, List.of()).get(0);
    }

    @Override
    protected void renameByHand(String customerNo, String name) {
        admin.write("party.party", List.of(partyId(customerNo)), Map.of("name", name));
    }

    /**
     * The same write as Tryton's (write_date = the transaction's start, UTC: trytond runs with PGTZ=UTC) in a
     * transaction of our own, so that it commits after writes that began later.
     */
    @Override
    protected OpenEdit renameInOpenTransaction(String customerNo, String name) {
        try {
            return openTransaction(DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db.name(), "postgres", ""),
                    "UPDATE party_party SET name = ?, write_date = now() AT TIME ZONE 'UTC', write_uid = 1 WHERE code = ?", name, customerNo);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected int cardsWithReference(String reference) {
        return (int) admin.searchCount("party.identifier", List.of(clause("code", "=", "md:" + reference)));
    }

    @Override
    protected int documentsFor(String orderReference) {
        return (int) admin.searchCount("sale.sale", List.of(clause("reference", "=", orderReference), clause("state", "=", "draft")));
    }

    @Override
    protected boolean placesDocuments() {
        return true;
    }

    // ---- Tryton's own ----

    @Test
    @DisplayName("a new party gets the template's payment term and category, merchantdesk's reference as an untyped identifier, the "
            + "phone in E.164, name2 as the address's party name, the county as the subdivision, address2 on the street's second line")
    void partyFromTemplate() {
        String reference = UUID.randomUUID().toString();
        String t = tag();
        CardData data = new CardData("Template " + t, "Nordmann Sport AS", "Kari", "Leopoldstraße 1", "Hinterhaus", "München", "80802",
                "BY", "DE", "089 1234567", "tpl." + t + "@example.de");
        String no;
        try (ErpSession s = open()) {
            no = s.create(List.of(new NewCard(reference, data, template(), null, null))).get(0).customerNo();
            ErpCard card = s.byNumbers(List.of(no)).get(no);
            CardData read = card.data();
            assertEquals(data, new CardData(read.name(), read.name2(), read.contact(), read.address(), read.address2(), read.city(),
                    read.postCode(), read.county(), read.countryCode(), data.phone(), read.email()));
            assertEquals("+49891234567", card.phoneE164());
        }
        long id = partyId(no);
        Map<String, Object> party = admin.read("party.party", List.of(id), List.of("customer_payment_term", "categories")).get(0);
        long term = admin.search("account.invoice.payment_term", List.of(clause("name", "=", "14D")), 0, 1, List.of()).get(0);
        long category = admin.search("party.category", List.of(clause("name", "=", "RETAIL")), 0, 1, List.of()).get(0);
        assertEquals(term, ((Number) party.get("customer_payment_term")).longValue());
        assertEquals(List.of(category), party.get("categories"));
        List<Map<String, Object>> identifiers = admin.searchRead("party.identifier", List.of(clause("party", "=", id)), 0, null, null,
                List.of("type", "code"));
        assertEquals(1, identifiers.size());
        assertEquals("md:" + reference, identifiers.get(0).get("code"));
        assertEquals(null, identifiers.get(0).get("type"));
        Map<String, Object> phone = admin.searchRead("party.contact_mechanism", List.of(clause("party", "=", id), clause("type", "=", "phone")),
                0, null, null, List.of("value", "value_compact", "name")).get(0);
        assertEquals("+49891234567", phone.get("value_compact"));
        assertEquals("Kari", phone.get("name"));
        Map<String, Object> address = admin.searchRead("party.address", List.of(clause("party", "=", id)), 0, null, null,
                List.of("street", "party_name", "subdivision.code", "invoice")).get(0);
        assertEquals("Leopoldstraße 1\nHinterhaus", address.get("street"));
        assertEquals("Nordmann Sport AS", address.get("party_name"));
        assertEquals("DE-BY", ((Map<?, ?>) address.get("subdivision.")).get("code"));
        assertTrue((Boolean) address.get("invoice"));
    }

    @Test
    @DisplayName("SYNC-18: a write made on a contact mechanism or an address directly (the party's write_date stays) is delivered once")
    void childWritesAreDelivered_SYNC18() {
        String t = tag();
        String no = createByHand(card("Child " + t, "child." + t + "@example.no", null, postCode()));
        long party = partyId(no);
        try (ErpSession s = open()) {
            String cursor = walk(s, null).cursor();
            List<Long> email = admin.search("party.contact_mechanism", List.of(clause("party", "=", party), clause("type", "=", "email")), 0,
                    null, List.of());
            admin.write("party.contact_mechanism", email, Map.of("value", "changed." + t + "@example.no"));
            Walk first = walk(s, cursor);
            assertEquals(List.of(no), first.numbers());
            assertEquals("changed." + t + "@example.no", first.cards().get(0).data().email());

            admin.write("party.address", admin.search("party.address", List.of(clause("party", "=", party)), 0, null, List.of()),
                    Map.of("city", "Tromsø"));
            Walk second = walk(s, first.cursor());
            assertEquals(List.of(no), second.numbers());
            assertEquals("Tromsø", second.cards().get(0).data().city());
            assertEquals(List.of(), walk(s, second.cursor()).numbers());
        }
    }

    @Test
    @DisplayName("every method is a few list calls whatever the batch size (counted at a proxy): 60 cards created, read, updated and scanned")
    void batchesAreAFewCalls() throws Exception {
        String t = tag();
        List<NewCard> cards = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            cards.add(new NewCard(UUID.randomUUID().toString(), card("Batch " + i + " " + t, "batch" + i + "." + t + "@example.no", phone(),
                    postCode()), template(), null, null));
        }
        try (AnswerDroppingProxy proxy = new AnswerDroppingProxy(db.trytond().baseUrl().getPort());
             ErpSession s = adapter.open(new ErpTarget(company().id(), proxy.baseUrl(), db.name(), Trytond.ADMIN_LOGIN, Trytond.ADMIN_PASSWORD,
                     null, null, null, null, Map.of()))) {
            s.byNumbers(List.of("no-such-party")); // log-in and preferences
            int before = proxy.calls();
            List<String> nos = s.create(cards).stream().map(Created::customerNo).toList();
            int create = proxy.calls() - before;
            assertTrue(create <= 10, "create: " + create + " calls"); // references, lookups, create, read back
            before = proxy.calls();
            assertEquals(60, s.byNumbers(nos).size());
            assertEquals(60, s.byEmails(cards.stream().map(c -> c.data().email().toLowerCase()).toList()).size());
            assertEquals(3 + 4, proxy.calls() - before, "parties, mechanisms, addresses; + one mechanism search");
            Map<String, CardData> changes = new HashMap<>();
            for (String no : nos) changes.put(no, new CardData(null, null, null, null, null, "Bodø", null, null, null, null, null));
            before = proxy.calls();
            assertEquals(60, s.update(changes).size());
            int update = proxy.calls() - before;
            assertTrue(update <= 8, "update: " + update + " calls");
            System.out.printf("tryton adapter: 60 cards: create %d calls, update %d calls%n", create, update);
        }
    }
}
