package io.merchantdesk.sync.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.support.Api;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.ErpFeatures;
import io.merchantdesk.sync.engine.ErpPort;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.Model.CardData;
import io.merchantdesk.sync.engine.Model.ChangePage;
import io.merchantdesk.sync.engine.Model.Created;
import io.merchantdesk.sync.engine.Model.ErpCard;
import io.merchantdesk.sync.engine.Model.NewCard;
import io.merchantdesk.sync.engine.Model.NewOrder;
import io.merchantdesk.sync.engine.Model.OrderLine;
import io.merchantdesk.sync.engine.Model.ShipTo;
import io.merchantdesk.sync.engine.Model.TaxIdField;
import io.merchantdesk.sync.engine.Model;
import io.merchantdesk.sync.engine.Model.Template;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every ERP adapter must do behind {@link ErpSession}, exercised through the interface only (issue 21): lookups,
 * creation exactly once by reference, updates of real changes only, change capture (every card once, nothing when
 * nothing changed, a change once, not the sync's own writes, an out-of-order commit inside the window once) and orders
 * placed exactly once. A subclass supplies the ERP and what a person would do in it.
 */
public abstract class ErpPortContract {
    /** Small pages, so that the walks below cross page boundaries. */
    private static final int PAGE = 2;

    @Inject
    ErpPort port;

    /** The ERP company under test of each subclass (the test instances of a class share it), with its owner. */
    protected record Company(Api.User owner, UUID id) {
    }

    private static final Map<Class<?>, Company> COMPANIES = new ConcurrentHashMap<>();

    /** A new ERP company of the kind under test, owned by {@code owner}; its id. */
    protected abstract String newCompany(Api.User owner);

    protected Company company() {
        return COMPANIES.computeIfAbsent(getClass(), k -> {
            Api.User owner = Api.user("port-contract");
            UUID id = UUID.fromString(newCompany(owner));
            retailTemplate(owner, id);
            return new Company(owner, id);
        });
    }

    /** A new session with the ERP under test, through the port. */
    protected ErpSession open() {
        return port.open(company().id());
    }

    /** A card made in the ERP by a person (not by the sync); its number. */
    protected abstract String createByHand(CardData data);

    /** A person renames a card, committed at once. */
    protected abstract void renameByHand(String customerNo, String name);

    /** A person's rename in a transaction that began now and commits only on {@link OpenEdit#commit()}. */
    protected abstract OpenEdit renameInOpenTransaction(String customerNo, String name);

    protected interface OpenEdit {
        void commit();
    }

    /** How many cards in the ERP carry merchantdesk's reference. */
    protected abstract int cardsWithReference(String reference);

    /** How many sales documents the ERP holds for the store order (0 where the orders are the sync's own rows). */
    protected abstract int documentsFor(String orderReference);

    /** Whether {@link ErpSession#placeOrders} makes documents in the ERP (else it answers an empty map). */
    protected abstract boolean placesDocuments();

    /**
     * Whether the ERP keeps a card's Contact (and Name 2) as a field of its own. Where it has no place for them
     * (Business Central's API v2.0 customer) the adapter does not write them and reads them back empty, by design
     * (docs/sync.md, "Business Central adapter", Mapping): the cases below then prove that instead of the round trip.
     */
    protected boolean keepsContact() {
        return true;
    }

    /** What the ERP keeps of a B2B company: its tax id fields and whether cards have ship-to addresses. */
    protected ErpFeatures features() {
        return ErpFeatures.FULL;
    }

    /** The contact the ERP reads back for a card written with {@code written}. */
    private String contactReadBack(String written) {
        return keepsContact() ? written : null;
    }

    /** The complete template {@link #retailTemplate} gives the ERP company (the payment terms code must exist in the ERP). */
    protected Template template() {
        return new Template("RETAIL", "DOMESTIC", "DOMESTIC", "DOMESTIC", null, "14D", false, List.of());
    }

    /** Gives the company the template {@link #template()} through the API (merchantdesk keeps templates for every kind). */
    private void retailTemplate(Api.User owner, UUID company) {
        Template t = template();
        owner.as().body(Map.of("code", t.code(), "genBusPostingGroup", t.genBusPostingGroup(), "customerPostingGroup",
                t.customerPostingGroup(), "vatBusPostingGroup", t.vatBusPostingGroup(), "paymentTermsCode", t.paymentTermsCode()))
                .post("/erp-companies/" + company + "/customer-templates").then().statusCode(201);
    }

    /** Runs one statement in a transaction of its own that commits only on {@link OpenEdit#commit()}. */
    protected static OpenEdit openTransaction(Connection c, String sql, Object... params) {
        try {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
                assertEquals(1, ps.executeUpdate(), sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return () -> {
            try (c) {
                c.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    // ---- data ----

    protected static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A Norwegian mobile number nobody else in the ERP has, in national format. */
    protected static String phone() {
        return "9" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    protected static String postCode() {
        return String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    protected static CardData card(String name, String email, String phone, String postCode) {
        return new CardData(name, null, "Kari Nordmann", "Storgata 1", "2. etasje", "Oslo", postCode, null, "NO", phone, email);
    }

    private NewCard newCard(String reference, CardData data) {
        return new NewCard(reference, data, template(), null, null);
    }

    // ---- lookups ----

    @Test
    @DisplayName("SYNC-5: cards by number, by e-mail (case-insensitive), by phone (E.164 of the card's country) and by country and post code")
    void lookups_SYNC5() {
        String t = tag();
        String phone = phone();
        String pc = postCode();
        CardData a = card("Lookup A " + t, "Ann." + t + "@Example.NO", phone, pc);
        String noA = createByHand(a);
        String noB = createByHand(card("Lookup B " + t, "bob." + t + "@example.no", phone(), postCode()));
        try (ErpSession s = open()) {
            Map<String, ErpCard> byNo = s.byNumbers(List.of(noA, "NO-SUCH-" + t));
            assertEquals(Set.of(noA), byNo.keySet());
            CardData read = byNo.get(noA).data();
            assertEquals(a.name(), read.name());
            assertEquals(a.address(), read.address());
            assertEquals(a.address2(), read.address2());
            assertEquals(a.city(), read.city());
            assertEquals(pc, read.postCode());
            assertEquals("NO", read.countryCode());
            assertEquals(a.email(), read.email());
            assertEquals(contactReadBack(a.contact()), read.contact());

            String emailKey = ("ann." + t + "@example.no");
            Map<String, List<ErpCard>> byEmail = s.byEmails(List.of(emailKey, "nobody." + t + "@example.no"));
            assertEquals(Set.of(emailKey), byEmail.keySet());
            assertEquals(List.of(noA), byEmail.get(emailKey).stream().map(ErpCard::customerNo).toList());
            assertEquals(emailKey, byEmail.get(emailKey).get(0).emailNorm());

            String e164 = "+47" + phone;
            Map<String, List<ErpCard>> byPhone = s.byPhones(List.of(e164));
            assertEquals(List.of(noA), byPhone.get(e164).stream().map(ErpCard::customerNo).toList());
            assertEquals(e164, byPhone.get(e164).get(0).phoneE164());

            List<String> inPostCode = s.byCountryAndPostCode(List.of(List.of("NO", pc))).stream().map(ErpCard::customerNo).toList();
            assertTrue(inPostCode.contains(noA), inPostCode.toString());
            assertFalse(inPostCode.contains(noB), inPostCode.toString());
            assertTrue(s.byCountryAndPostCode(List.of(List.of("SE", pc))).stream().noneMatch(c -> c.customerNo().equals(noA)));
        }
    }

    // ---- create ----

    @Test
    @DisplayName("SYNC-18: create makes each card once by its reference; a replayed create answers the existing card")
    void createExactlyOnceByReference_SYNC18() {
        String t = tag();
        String r1 = UUID.randomUUID().toString();
        String r2 = UUID.randomUUID().toString();
        String r3 = UUID.randomUUID().toString();
        try (ErpSession s = open()) {
            List<Created> first = s.create(List.of(newCard(r1, card("Create 1 " + t, "c1." + t + "@example.no", phone(), postCode())),
                    newCard(r2, card("Create 2 " + t, "c2." + t + "@example.no", null, postCode()))));
            assertEquals(2, first.size());
            assertFalse(first.get(0).existed());
            assertFalse(first.get(1).existed());
            assertNotEquals(first.get(0).customerNo(), first.get(1).customerNo());
            assertEquals("Create 1 " + t, s.byNumbers(List.of(first.get(0).customerNo())).get(first.get(0).customerNo()).data().name());

            // a rerun after a lost answer replays the create: r1 is found, only r3 is made
            List<Created> replay = s.create(List.of(newCard(r1, card("Create 1 " + t, "c1." + t + "@example.no", null, postCode())),
                    newCard(r3, card("Create 3 " + t, null, null, postCode()))));
            assertEquals(new Created(first.get(0).customerNo(), true), replay.get(0));
            assertFalse(replay.get(1).existed());
            assertEquals(1, cardsWithReference(r1));
            assertEquals(1, cardsWithReference(r3));
        }
    }

    // ---- update ----

    @Test
    @DisplayName("SYNC-9, SYNC-12: update writes real changes only; a field the store leaves empty keeps the card's value")
    void updateWritesOnlyRealChanges_SYNC9() {
        String t = tag();
        String phone = phone();
        CardData original = card("Update " + t, "upd." + t + "@example.no", phone, postCode());
        String no = createByHand(original);
        try (ErpSession s = open()) {
            CardData in = new CardData("Updated " + t, null, null, "Kirkegata 2", null, "Bergen", null, null, "NO", "", null);
            assertEquals(List.of(no), s.update(Map.of(no, in)));
            CardData now = s.byNumbers(List.of(no)).get(no).data();
            assertEquals("Updated " + t, now.name());
            assertEquals("Kirkegata 2", now.address());
            assertEquals("Bergen", now.city());
            assertEquals(original.address2(), now.address2(), "empty in the store: kept");
            assertEquals(original.postCode(), now.postCode());
            assertEquals(original.email(), now.email());
            assertEquals(contactReadBack(original.contact()), now.contact());
            assertEquals("+47" + phone, s.byNumbers(List.of(no)).get(no).phoneE164());

            assertEquals(List.of(), s.update(Map.of(no, in)), "the same data again is no change");
            assertEquals(List.of(), s.update(Map.of(no, now)), "the card's own data is no change");
            assertEquals(List.of(), s.update(Map.of("NO-SUCH-" + t, in)));

            String otherPhone = phone();
            String otherEmail = "new." + t + "@example.no";
            assertEquals(List.of(no), s.update(Map.of(no, new CardData(null, null, "Ola Nordmann", null, null, null, null, null, null,
                    otherPhone, otherEmail))));
            assertEquals(List.of(no), s.byEmails(List.of(otherEmail)).get(otherEmail).stream().map(ErpCard::customerNo).toList());
            assertEquals(List.of(no), s.byPhones(List.of("+47" + otherPhone)).get("+47" + otherPhone).stream().map(ErpCard::customerNo).toList());
            assertEquals(null, s.byEmails(List.of(original.email().toLowerCase())).get(original.email().toLowerCase()), "replaced");
            assertEquals(contactReadBack("Ola Nordmann"), s.byNumbers(List.of(no)).get(no).data().contact());
        }
    }

    // ---- changes ----

    /** What the engine does with {@link ErpSession#changes}: pages until the last (or an empty) one. */
    protected record Walk(List<ErpCard> cards, String cursor, int pages) {
        List<String> numbers() {
            return cards.stream().map(ErpCard::customerNo).toList();
        }
    }

    protected static Walk walk(ErpSession s, String cursor) {
        List<ErpCard> cards = new ArrayList<>();
        int pages = 0;
        while (true) {
            ChangePage page = s.changes(cursor, PAGE);
            pages++;
            assertTrue(page.cards().size() <= PAGE, "a page holds at most the limit");
            cards.addAll(page.cards());
            cursor = page.cursor();
            if (page.cards().isEmpty() || page.last()) return new Walk(cards, cursor, pages);
        }
    }

    @Test
    @DisplayName("SYNC-18: a full walk delivers every card once; then nothing while nothing changes; a change is delivered once")
    void changesDeliverEachChangeOnce_SYNC18() {
        String t = tag();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) made.add(createByHand(card("Walk " + i + " " + t, null, null, postCode())));
        try (ErpSession s = open()) {
            Walk full = walk(s, null);
            assertTrue(full.numbers().containsAll(made), full.numbers().toString());
            assertEquals(full.numbers().size(), new HashSet<>(full.numbers()).size(), "each card once");
            assertTrue(full.pages() >= 3, "crossed pages: " + full.pages());

            Walk quiet = walk(s, full.cursor());
            assertEquals(List.of(), quiet.numbers(), "nothing changed");

            renameByHand(made.get(2), "Walk renamed " + t);
            Walk changed = walk(s, quiet.cursor());
            assertEquals(List.of(made.get(2)), changed.numbers());
            assertEquals("Walk renamed " + t, changed.cards().get(0).data().name());
            assertEquals(List.of(), walk(s, changed.cursor()).numbers(), "delivered once");
        }
    }

    @Test
    @DisplayName("SYNC-19: the sync's own creates and updates are not delivered as changes; a person's later edit is")
    void ownWritesAreNotDelivered_SYNC19() {
        String t = tag();
        String byHand = createByHand(card("Own " + t, null, null, postCode()));
        try (ErpSession s = open()) {
            String cursor = walk(s, null).cursor();
            String created = s.create(List.of(newCard(UUID.randomUUID().toString(), card("Own created " + t, null, null, postCode()))))
                    .get(0).customerNo();
            assertEquals(List.of(byHand), s.update(Map.of(byHand, new CardData(null, null, null, null, null, "Trondheim", null, null, null,
                    null, null))));
            Walk after = walk(s, cursor);
            assertFalse(after.numbers().contains(created), "the sync's create: " + after.numbers());
            assertFalse(after.numbers().contains(byHand), "the sync's update: " + after.numbers());

            renameByHand(byHand, "Own renamed " + t);
            Walk edited = walk(s, after.cursor());
            assertEquals(List.of(byHand), edited.numbers());
            assertEquals("Trondheim", edited.cards().get(0).data().city());
        }
    }

    @Test
    @DisplayName("SYNC-18: a change committed after a later one was delivered (older stamp, inside the window) is delivered once")
    void outOfOrderCommitIsDeliveredOnce_SYNC18() {
        String t = tag();
        String late = createByHand(card("Late " + t, null, null, postCode()));
        try (ErpSession s = open()) {
            String cursor = walk(s, null).cursor();
            OpenEdit edit = renameInOpenTransaction(late, "Late renamed " + t); // begins before the next change
            String early = createByHand(card("Early " + t, null, null, postCode()));
            Walk first = walk(s, cursor);
            assertEquals(List.of(early), first.numbers(), "the open transaction is not visible yet");
            edit.commit();
            Walk second = walk(s, first.cursor());
            assertEquals(List.of(late), second.numbers());
            assertEquals("Late renamed " + t, second.cards().get(0).data().name());
            assertEquals(List.of(), walk(s, second.cursor()).numbers(), "delivered once");
        }
    }

    // ---- orders ----

    @Test
    @DisplayName("SYNC-18: orders are placed exactly once by their reference; placing again answers the same document")
    void placeOrdersExactlyOnce_SYNC18() {
        String t = tag();
        String no = createByHand(card("Orders " + t, null, null, postCode()));
        String o1 = UUID.randomUUID().toString();
        String o2 = UUID.randomUUID().toString();
        List<OrderLine> lines = List.of(new OrderLine("Tent", new BigDecimal("2"), new BigDecimal("1999.00")));
        try (ErpSession s = open()) {
            Map<String, String> first = s.placeOrders(List.of(new NewOrder(o1, no, "NOK", Instant.now(), new BigDecimal("3998.00"), lines),
                    new NewOrder(o2, no, "NOK", Instant.now(), new BigDecimal("1999.00"), lines)));
            Map<String, String> again = s.placeOrders(List.of(new NewOrder(o1, no, "NOK", Instant.now(), new BigDecimal("3998.00"), lines)));
            if (placesDocuments()) {
                assertEquals(Set.of(o1, o2), first.keySet());
                assertNotEquals(first.get(o1), first.get(o2));
                assertEquals(Map.of(o1, first.get(o1)), again);
                assertEquals(1, documentsFor(o1));
                assertEquals(1, documentsFor(o2));
            } else {
                assertEquals(Map.of(), first);
                assertEquals(Map.of(), again);
                assertEquals(0, documentsFor(o1));
            }
        }
    }

    // ---- B2B companies (issue 24) ----

    /**
     * A valid Belgian VAT number (the ERP may check it, as Tryton's eu_vat identifiers do), written as people type it:
     * "BE 0xxx.xxx.xcc" with spaces and dots; its check digits are 97 - (the first eight digits mod 97).
     */
    protected static String belgianVat() {
        int body = 2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000); // 0 + seven digits, first digit non-zero
        String eight = String.format("%08d", body);
        String ten = eight + String.format("%02d", 97 - (body % 97));
        return "BE " + ten.substring(0, 4) + "." + ten.substring(4, 7) + "." + ten.substring(7);
    }

    /** A company registration number as an ERP keeps it, with the dashes people type. */
    protected static String registrationNo() {
        return "HRB-" + (100_000 + ThreadLocalRandom.current().nextInt(900_000)) + "-" + ThreadLocalRandom.current().nextInt(10);
    }

    private static CardData withTaxIds(CardData d, String registrationNo, String vatRegistrationNo) {
        return new CardData(d.name(), d.name2(), d.contact(), d.address(), d.address2(), d.city(), d.postCode(), d.county(), d.countryCode(),
                d.phone(), d.email(), registrationNo, vatRegistrationNo);
    }

    @Test
    @DisplayName("SYNC-21: tax ids are written, read back and found by their normalised key in each field the ERP keeps; an update moves the key")
    void taxIdsFoundNormalised_SYNC21() {
        String t = tag();
        boolean reg = features().taxIdFields().contains(TaxIdField.REGISTRATION_NUMBER);
        String vat = belgianVat();
        String regNo = reg ? registrationNo() : null;
        String byHandVat = belgianVat();
        String byHand = createByHand(withTaxIds(card("Tax by hand " + t, null, null, postCode()), null, byHandVat));
        try (ErpSession s = open()) {
            String made = s.create(List.of(newCard(UUID.randomUUID().toString(),
                    withTaxIds(card("Tax " + t, null, null, postCode()), regNo, vat)))).get(0).customerNo();
            CardData read = s.byNumbers(List.of(made)).get(made).data();
            assertEquals(Normalize.taxId(vat), Normalize.taxId(read.vatRegistrationNo()), read.vatRegistrationNo());
            if (reg) assertEquals(Normalize.taxId(regNo), Normalize.taxId(read.registrationNo()), read.registrationNo());

            String key = Normalize.taxId(vat);
            Map<String, List<ErpCard>> found = s.byTaxIds(TaxIdField.VAT_REGISTRATION_NUMBER, List.of(key, Normalize.taxId(byHandVat), "99999999"));
            assertEquals(List.of(made), found.get(key).stream().map(ErpCard::customerNo).toList());
            assertEquals(List.of(byHand), found.get(Normalize.taxId(byHandVat)).stream().map(ErpCard::customerNo).toList(), "a person's card too");
            assertEquals(null, found.get("99999999"));
            if (reg) {
                String regKey = Normalize.taxId(regNo);
                assertEquals(List.of(made), s.byTaxIds(TaxIdField.REGISTRATION_NUMBER, List.of(regKey)).get(regKey).stream()
                        .map(ErpCard::customerNo).toList());
                assertEquals(null, s.byTaxIds(TaxIdField.REGISTRATION_NUMBER, List.of(key)).get(key), "the other field is not searched");
            }

            String newVat = belgianVat();
            assertEquals(List.of(made), s.update(Map.of(made, withTaxIds(new CardData(null, null, null, null, null, null, null, null, null,
                    null, null), null, newVat))));
            assertEquals(null, s.byTaxIds(TaxIdField.VAT_REGISTRATION_NUMBER, List.of(key)).get(key), "the old key is gone");
            String newKey = Normalize.taxId(newVat);
            assertEquals(List.of(made), s.byTaxIds(TaxIdField.VAT_REGISTRATION_NUMBER, List.of(newKey)).get(newKey).stream()
                    .map(ErpCard::customerNo).toList());
            assertEquals(List.of(), s.update(Map.of(made, withTaxIds(new CardData(null, null, null, null, null, null, null, null, null,
                    null, null), null, newVat))), "the same tax id again is no change");
        }
    }

    @Test
    @DisplayName("SYNC-24: a card's merchantdesk ship-to addresses become exactly the given ones (added, changed, removed), a replay changes nothing, and the sync's own ship-to writes are not delivered as changes")
    void shipTosPutExactly_SYNC24() {
        if (!features().shipToAddresses()) {
            // the ERP has no place for them: the settings refuse SHIP_TO_ADDRESSES for it (ErpFeatures), so the engine never calls these
            assertFalse(ErpFeatures.BUSINESS_CENTRAL.shipToAddresses());
            return;
        }
        String t = tag();
        String no = createByHand(card("Ship-to " + t, null, null, postCode()));
        ShipTo north = new ShipTo(Model.shipToCode(UUID.randomUUID()), "North " + t, "Industriveien 1", "Port 4", "Trondheim", "7010", null, "NO");
        ShipTo south = new ShipTo(Model.shipToCode(UUID.randomUUID()), "South " + t, "Havnegata 2", null, "Kristiansand", "4610", null, "NO");
        try (ErpSession s = open()) {
            String cursor = walk(s, null).cursor();
            assertEquals(List.of(no), s.putShipTos(Map.of(no, List.of(north, south))));
            assertEquals(Set.of(north, south), Set.copyOf(s.shipTos(List.of(no)).get(no)));
            assertEquals(List.of(), s.putShipTos(Map.of(no, List.of(south, north))), "a replay changes nothing");

            ShipTo moved = new ShipTo(north.code(), north.name(), "Kaiveien 9", null, "Bodø", "8006", null, "NO");
            assertEquals(List.of(no), s.putShipTos(Map.of(no, List.of(moved))));
            assertEquals(List.of(moved), s.shipTos(List.of(no)).get(no), "changed, and the one no longer given removed");
            assertFalse(walk(s, cursor).numbers().contains(no), "SYNC-19: the sync's own ship-to writes are not changes");

            assertEquals(List.of(no), s.putShipTos(Map.of(no, List.of())));
            assertEquals(null, s.shipTos(List.of(no)).get(no));
            assertEquals(Set.of(), s.shipTos(List.of("NO-SUCH-" + t)).keySet());
        }
    }
}
