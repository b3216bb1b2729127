package io.merchantdesk.sync.port;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.merchantdesk.sync.engine.Model.ShipTo;
import io.merchantdesk.sync.engine.Model.TaxIdField;
import io.merchantdesk.sync.engine.Model;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.remote.ErpTarget;
import io.merchantdesk.sync.tryton.TrytonErpAdapter;
import io.merchantdesk.sync.tryton.TrytonRpc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
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
        return io.merchantdesk.support.CardsByHand.trytonParty(admin, d);
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

    @Test
    @DisplayName("companies: tax ids as identifiers (VAT eu_vat compacted, registration number untyped beside md:), ship-to addresses "
            + "named [MD…] after the party's own, which stays the card's address and is never a ship-to, a person's address kept; "
            + "a few calls per batch")
    void companiesInTryton() throws Exception {
        String t = tag();
        List<NewCard> cards = new ArrayList<>();
        List<String> vats = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String vat = belgianVat();
            vats.add(vat);
            CardData d = card("Company " + i + " " + t, null, null, postCode());
            cards.add(new NewCard(UUID.randomUUID().toString(), new CardData(d.name(), d.name2(), d.contact(), d.address(), d.address2(),
                    d.city(), d.postCode(), d.county(), d.countryCode(), d.phone(), d.email(), "HRB " + i + "-" + t, vat), template(), null, null));
        }
        try (AnswerDroppingProxy proxy = new AnswerDroppingProxy(db.trytond().baseUrl().getPort());
             ErpSession s = adapter.open(new ErpTarget(company().id(), proxy.baseUrl(), db.name(), Trytond.ADMIN_LOGIN, Trytond.ADMIN_PASSWORD,
                     null, null, null, null, Map.of()))) {
            List<String> nos = s.create(cards).stream().map(Created::customerNo).toList();
            long first = partyId(nos.get(0));
            List<Map<String, Object>> identifiers = admin.searchRead("party.identifier", List.of(clause("party", "=", first)), 0, null,
                    List.of(TrytonRpc.Order.asc("id")), List.of("type", "code"));
            assertEquals(List.of("eu_vat", "BE" + Normalize.taxId(vats.get(0))), List.of(identifiers.get(0).get("type"), identifiers.get(0).get("code")));
            assertEquals(Arrays.asList(null, "HRB 0-" + t), Arrays.asList(identifiers.get(1).get("type"), identifiers.get(1).get("code")));
            assertEquals(Arrays.asList(null, "md:" + cards.get(0).reference()), Arrays.asList(identifiers.get(2).get("type"),
                    identifiers.get(2).get("code")));

            int before = proxy.calls();
            Map<String, List<ErpCard>> found = s.byTaxIds(TaxIdField.VAT_REGISTRATION_NUMBER, vats.stream().map(Normalize::taxId).toList());
            assertEquals(20, found.size());
            assertEquals(1 + 3, proxy.calls() - before, "one identifier search, then the parties (parties, mechanisms, addresses)");
            before = proxy.calls();
            assertEquals(List.of(nos.get(3)), s.byTaxIds(TaxIdField.REGISTRATION_NUMBER, List.of(Normalize.taxId("HRB 3-" + t))).values()
                    .iterator().next().stream().map(ErpCard::customerNo).toList());
            assertEquals(1 + 3, proxy.calls() - before);

            // a person's own delivery address on the first card stays whatever the sync does
            admin.create("party.address", List.of(Map.of("party", first, "name", "Depot", "city", "Hamar")));
            Map<String, CardData> cardsBefore = new HashMap<>();
            s.byNumbers(nos).forEach((no, c) -> cardsBefore.put(no, c.data()));
            Map<String, List<ShipTo>> put = new HashMap<>();
            for (String no : nos) {
                put.put(no, List.of(new ShipTo(Model.shipToCode(UUID.randomUUID()), "North " + no, "Industriveien 1", null, "Trondheim", "7010",
                        null, "NO"), new ShipTo(Model.shipToCode(UUID.randomUUID()), null, "Havnegata 2", "Port 4", "Bergen", "5003", null, "NO")));
            }
            before = proxy.calls();
            assertEquals(20, s.putShipTos(put).size());
            int putCalls = proxy.calls() - before;
            assertTrue(putCalls <= 4, "put: " + putCalls + " calls"); // parties, their ship-tos, countries (cached), create
            before = proxy.calls();
            Map<String, List<ShipTo>> read = s.shipTos(nos);
            assertEquals(2, proxy.calls() - before, "parties, ship-to addresses");
            for (String no : nos) assertEquals(java.util.Set.copyOf(put.get(no)), java.util.Set.copyOf(read.get(no)));
            Map<String, CardData> cardsAfter = new HashMap<>();
            s.byNumbers(nos).forEach((no, c) -> cardsAfter.put(no, c.data()));
            assertEquals(cardsBefore, cardsAfter, "the card's own address is still the card's");

            List<Map<String, Object>> addresses = admin.searchRead("party.address", List.of(clause("party", "=", first)), 0, null,
                    List.of(TrytonRpc.Order.asc("id")), List.of("name", "sequence", "invoice", "street"));
            assertEquals(4, addresses.size());
            assertNull(addresses.get(0).get("name"), "the card's address");
            assertEquals(Boolean.TRUE, addresses.get(0).get("invoice"));
            assertEquals("Depot", addresses.get(1).get("name"));
            ShipTo north = put.get(nos.get(0)).get(0);
            assertEquals("[" + north.code() + "] North " + nos.get(0), addresses.get(2).get("name"));
            assertEquals(1000, ((Number) addresses.get(2).get("sequence")).intValue());
            assertEquals(Boolean.FALSE, addresses.get(2).get("invoice"));
            assertEquals("[" + put.get(nos.get(0)).get(1).code() + "]", addresses.get(3).get("name"));
            assertEquals("Havnegata 2\nPort 4", addresses.get(3).get("street"));

            assertEquals(nos.stream().sorted().toList(), s.putShipTos(nos.stream().collect(java.util.stream.Collectors.toMap(no -> no, no -> List.of()))));
            assertEquals(Map.of(), s.shipTos(nos));
            assertEquals(List.of("Depot"), admin.searchRead("party.address", List.of(clause("party", "=", first), clause("name", "!=", null)), 0,
                    null, null, List.of("name")).stream().map(r -> r.get("name")).toList(), "a person's address stays");
        }
    }

    @Test
    @DisplayName("SYNC-19 around ship-to addresses: the sync's ship-to writes are never delivered, a person's edits of the card's "
            + "address and of a tax id (written on the identifier directly) are, once each")
    void personEditsAroundShipTosAreDelivered() {
        String t = tag();
        CardData d = card("Person " + t, null, null, postCode());
        String no = createByHand(new CardData(d.name(), d.name2(), d.contact(), d.address(), d.address2(), d.city(), d.postCode(), d.county(),
                d.countryCode(), d.phone(), d.email(), null, belgianVat()));
        long party = partyId(no);
        ShipTo north = new ShipTo(Model.shipToCode(UUID.randomUUID()), "North " + t, "Industriveien 1", null, "Trondheim", "7010", null, "NO");
        try (ErpSession s = open()) {
            String cursor = walk(s, null).cursor();
            s.putShipTos(Map.of(no, List.of(north)));
            Walk own = walk(s, cursor);
            assertFalse(own.numbers().contains(no), "the sync's ship-to create");

            admin.write("party.address", admin.search("party.address", List.of(clause("party", "=", party), clause("name", "=", null)), 0,
                    null, List.of()), Map.of("city", "Tromsø"));
            Walk city = walk(s, own.cursor());
            assertEquals(List.of(no), city.numbers());
            assertEquals("Tromsø", city.cards().get(0).data().city(), "the card's address, not the ship-to");

            s.putShipTos(Map.of(no, List.of(new ShipTo(north.code(), north.name(), "Kaiveien 9", null, "Bodø", "8006", null, "NO"))));
            Walk moved = walk(s, city.cursor());
            assertFalse(moved.numbers().contains(no), "the sync's ship-to write");

            String vat = belgianVat();
            admin.write("party.identifier", admin.search("party.identifier", List.of(clause("party", "=", party), clause("type", "=", "eu_vat")),
                    0, null, List.of()), Map.of("code", vat));
            Walk taxId = walk(s, moved.cursor());
            assertEquals(List.of(no), taxId.numbers());
            assertEquals(Normalize.taxId(vat), Normalize.taxId(taxId.cards().get(0).data().vatRegistrationNo()));

            s.putShipTos(Map.of(no, List.of()));
            assertEquals(List.of(), walk(s, taxId.cursor()).numbers(), "the sync's ship-to delete; nothing twice");
        }
    }
}
