package io.merchantdesk.sync.businesscentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.businesscentral.BusinessCentralSimulator.DropAfterCommit;
import io.merchantdesk.sync.businesscentral.BusinessCentralSimulator.Pass;
import io.merchantdesk.sync.businesscentral.BusinessCentralSimulator.Throttle;
import io.merchantdesk.sync.businesscentral.BusinessCentralSimulator.Unavailable;
import io.merchantdesk.sync.engine.ErpPort;
import io.merchantdesk.sync.engine.ErpRejectedException;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.ErpUnavailableException;
import io.merchantdesk.sync.engine.Model.*;
import io.merchantdesk.sync.remote.ErpGuards;
import io.merchantdesk.sync.remote.SyncWritesRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Business Central adapter's session (issue 21 items 3, 5, 7) against {@link BusinessCentralSimulator}: a contract
 * test of Microsoft's documented request and answer shapes, not a run against a live tenant (Business Central cannot
 * run here). The session is opened the way the engine opens it ({@link ErpPort#open} of a BUSINESS_CENTRAL company).
 */
@QuarkusTest
class BusinessCentralSessionTest {
    @Inject
    ErpPort erp;

    @Inject
    ErpGuards guards;

    @Inject
    SyncWritesRepository syncWrites;

    private BusinessCentralSessions sim;
    private BusinessCentralSimulator bc;
    private BusinessCentralClient direct;

    @BeforeEach
    void start() throws Exception {
        sim = BusinessCentralSessions.start("bc-session");
        bc = sim.bc;
        direct = sim.client();
    }

    @AfterEach
    void stop() {
        guards.reset(sim.companyId);
        sim.close();
    }

    private static CardData card(String name, String email, String phone, String country, String postCode) {
        return new CardData(name, null, null, "Karl Johans gate 1", null, "Oslo", postCode, null, country, phone, email);
    }

    private static Map<String, Object> customer(String name, String email, String phone, String country, String postCode) {
        Map<String, Object> v = new HashMap<>(Map.of("displayName", name, "email", email, "country", country, "postalCode", postCode,
                "city", "Oslo"));
        if (phone != null) v.put("phoneNumber", phone);
        return v;
    }

    private Template template() {
        return new Template("RETAIL", "DOMESTIC", "DOMESTIC", "DOMESTIC", null, "14 DAYS", false, List.of());
    }

    @Test
    @DisplayName("lookups (SYNC-5): by number, e-mail (case-insensitive, exact key), phone (E.164 key against the ways BC's free-text field is typed), country and post code; in chunks of 40")
    void lookups() {
        BusinessCentralCustomer ada = direct.create(customer("Ada", "Ada@Example.com", "+47 22 33 44 55", "NO", "0154"));
        BusinessCentralCustomer bob = direct.create(customer("Bob", "bob@example.com", "22334456", "NO", "0155"));
        BusinessCentralCustomer cy = direct.create(customer("Cy", "cy@example.com", "004722334457", "NO", "0154"));
        direct.create(customer("Di", "di@example.com", "+49 30 1234567", "DE", "0154"));
        try (ErpSession s = sim.open(erp)) {
            assertEquals(Set.of(ada.number()), s.byNumbers(List.of(ada.number(), "C99999")).keySet());
            ErpCard a = s.byNumbers(List.of(ada.number())).get(ada.number());
            assertEquals("Ada", a.data().name());
            assertEquals("+4722334455", a.phoneE164());
            assertEquals("ada@example.com", a.emailNorm());
            assertNull(a.data().name2(), "API v2.0 has no Name 2");

            assertEquals(List.of(ada.number()), s.byEmails(List.of("ada@example.com")).get("ada@example.com").stream().map(ErpCard::customerNo).toList());
            Map<String, List<ErpCard>> phones = s.byPhones(List.of("+4722334455", "+4722334456", "+4722334457", "+4799999999"));
            assertEquals(Set.of("+4722334455", "+4722334456", "+4722334457"), phones.keySet());
            assertEquals(bob.number(), phones.get("+4722334456").get(0).customerNo());
            assertEquals(cy.number(), phones.get("+4722334457").get(0).customerNo());

            assertEquals(Set.of(ada.number(), cy.number()), s.byCountryAndPostCode(List.of(List.of("NO", "0154"))).stream()
                    .map(ErpCard::customerNo).collect(Collectors.toSet()), "the German customer at 0154 is not a candidate");

            List<String> emails = new ArrayList<>();
            for (int i = 0; i < BusinessCentralClient.LOOKUP_CHUNK + 5; i++) emails.add("nobody" + i + "@example.com");
            emails.add("bob@example.com");
            int before = bc.apiRequests.get();
            assertEquals(Set.of("bob@example.com"), s.byEmails(emails).keySet());
            assertEquals(2, bc.apiRequests.get() - before, "46 values: two requests");
        }
    }

    @Test
    @DisplayName("create is exactly once by reference (the customer number): a replayed create answers existed and posts nothing; the template's payment terms and VAT group are applied")
    void createExactlyOnceByReference() {
        List<NewCard> cards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cards.add(new NewCard(UUID.randomUUID().toString(), card("Customer " + i, "c" + i + "@example.com", null, "NO", "0154"), template(), null, null));
        }
        List<Created> made;
        try (ErpSession s = sim.open(erp)) {
            made = s.create(cards);
        }
        assertEquals(3, bc.customersCreated.get());
        for (int i = 0; i < 3; i++) {
            assertEquals(BusinessCentralReference.number(cards.get(i).reference()), made.get(i).customerNo());
            assertFalse(made.get(i).existed());
        }
        ObjectNode stored = bc.customers().stream().filter(c -> c.get("number").asText().equals(made.get(0).customerNo())).findFirst().orElseThrow();
        assertEquals(bc.paymentTermsId("14 DAYS"), stored.get("paymentTermsId").asText());
        assertEquals(bc.taxAreaId("DOMESTIC"), stored.get("taxAreaId").asText());
        assertEquals("Customer 0", stored.get("displayName").asText());

        int requests = bc.apiRequests.get();
        int batches = bc.batchRequests.get();
        try (ErpSession s = sim.open(erp)) { // the rerun of a batch whose store side did not commit
            List<Created> again = s.create(cards);
            assertTrue(again.stream().allMatch(Created::existed));
            assertEquals(made.stream().map(Created::customerNo).toList(), again.stream().map(Created::customerNo).toList());
        }
        assertEquals(3, bc.customersCreated.get());
        assertEquals(batches, bc.batchRequests.get(), "nothing posted");
        assertEquals(1, bc.apiRequests.get() - requests, "one lookup for the batch");
    }

    @Test
    @DisplayName("a create whose answer was lost (BC committed, the connection dropped) is retried by the guard, found by reference and not made twice")
    void lostCreateAnswerIsFoundByReference() {
        List<NewCard> cards = List.of(
                new NewCard(UUID.randomUUID().toString(), card("Ada", "ada@example.com", null, "NO", "0154"), template(), null, null),
                new NewCard(UUID.randomUUID().toString(), card("Bob", "bob@example.com", null, "NO", "0155"), template(), null, null));
        bc.failNextBatch(new DropAfterCommit());
        List<Created> made;
        try (ErpSession s = sim.open(erp)) {
            made = s.create(cards);
        }
        assertEquals(2, bc.customersCreated.get(), "made once, although the $batch's answer never arrived");
        assertEquals(1, bc.batchRequests.get(), "the retry looked the numbers up and posted nothing");
        assertTrue(made.stream().noneMatch(Created::existed), "made by this call");
        assertEquals(2, syncWrites.stamps(sim.companyId, made.stream().map(Created::customerNo).toList()).size(),
                "the writes found on retry are remembered as the sync's own (SYNC-19)");
    }

    @Test
    @DisplayName("SYNC-9/12 update writes only real changes with If-Match: a field the store leaves empty keeps BC's value; a 412 (someone edited meanwhile) is re-read and merged")
    void updateWritesOnlyRealChanges() {
        BusinessCentralCustomer ada = direct.create(customer("Ada", "ada@example.com", "+47 22 33 44 55", "NO", "0154"));
        try (ErpSession s = sim.open(erp)) {
            CardData same = new CardData("Ada", null, null, null, null, "Oslo", "0154", null, "NO", null, "ada@example.com"); // phone empty: BC's kept
            int batches = bc.batchRequests.get();
            assertEquals(List.of(), s.update(Map.of(ada.number(), same)));
            assertEquals(batches, bc.batchRequests.get(), "nothing to write, nothing sent");

            bc.beforeNextBatch(() -> bc.editInBc(ada.id(), "email", "ada@lovelace.example")); // a user edits between our read and write
            CardData moved = new CardData("Ada", null, null, "Karl Johans gate 1", null, "Bergen", "5003", null, "NO", null, null);
            assertEquals(List.of(ada.number()), s.update(Map.of(ada.number(), moved)));
            BusinessCentralCustomer now = direct.customer(ada.id()).orElseThrow();
            assertEquals("Bergen", now.city());
            assertEquals("5003", now.postalCode());
            assertEquals("+47 22 33 44 55", now.phoneNumber(), "empty in the store: BC's value kept");
            assertEquals("ada@lovelace.example", now.email(), "the user's edit survives: only the changed fields are patched");
            assertEquals(now.etag(), syncWrites.stamps(sim.companyId, List.of(ada.number())).get(ada.number()), "SYNC-19: our write's etag");
        }
    }

    private BusinessCentralCustomer typed(String name, String taxRegistrationNumber) {
        Map<String, Object> v = customer(name, name.toLowerCase() + "@example.com", null, "NO", "0154");
        v.put("taxRegistrationNumber", taxRegistrationNumber);
        return direct.create(v);
    }

    @Test
    @DisplayName("SYNC-21 byTaxIds: the VAT registration number as BC users type it (country prefix, dots, a space or dash before the last two, lower-case letters) is found by its normalised key with endswith conditions, 40 to a request; a card ending alike with another key is not; no registration number on BC")
    void taxIdsFoundAsTyped() {
        BusinessCentralCustomer dotted = typed("Dotted", "BE 0477.472.701");
        BusinessCentralCustomer compact = typed("Compact", "BE0477472701");
        BusinessCentralCustomer gb = typed("Gb", "GB 123 4567 89");
        BusinessCentralCustomer pl = typed("Pl", "PL 123-456-78-90");
        BusinessCentralCustomer nl = typed("Nl", "nl123456789b01");
        typed("Alike", "BE 0999.999.701"); // the same end, another id
        typed("Split", "DK 1234567 8");   // one character after the last separator: not among the spellings looked for
        try (ErpSession s = sim.open(erp)) {
            int before = bc.apiRequests.get();
            Map<String, List<ErpCard>> found = s.byTaxIds(TaxIdField.VAT_REGISTRATION_NUMBER,
                    List.of("0477472701", "123456789", "1234567890", "123456789B01", "12345678", "555"));
            assertEquals(1, bc.apiRequests.get() - before, "one request for the keys' 28 endings");
            assertEquals(Set.of(dotted.number(), compact.number()), found.get("0477472701").stream().map(ErpCard::customerNo)
                    .collect(Collectors.toSet()), "both spellings of one id");
            assertEquals(List.of(gb.number()), found.get("123456789").stream().map(ErpCard::customerNo).toList());
            assertEquals(List.of(pl.number()), found.get("1234567890").stream().map(ErpCard::customerNo).toList());
            assertEquals(List.of(nl.number()), found.get("123456789B01").stream().map(ErpCard::customerNo).toList());
            assertEquals("BE 0477.472.701", found.get("0477472701").stream().filter(c -> c.customerNo().equals(dotted.number()))
                    .findFirst().orElseThrow().data().vatRegistrationNo(), "read as typed");
            assertEquals(Set.of("0477472701", "123456789", "1234567890", "123456789B01"), found.keySet(),
                    "the documented miss (DK 1234567 8) and keys nobody has are absent");

            List<String> many = new ArrayList<>();
            for (int i = 0; i < 11; i++) many.add("90000000" + (10 + i)); // four digit endings each: 44 conditions
            before = bc.apiRequests.get();
            assertEquals(Map.of(), s.byTaxIds(TaxIdField.VAT_REGISTRATION_NUMBER, many));
            assertEquals(2, bc.apiRequests.get() - before, "44 conditions: two requests, not one per key");

            before = bc.apiRequests.get();
            assertEquals(Map.of(), s.byTaxIds(TaxIdField.REGISTRATION_NUMBER, List.of("0477472701")), "API v2.0 has no registration number");
            assertEquals(Map.of(), s.byTaxIds(TaxIdField.VAT_REGISTRATION_NUMBER, List.of("12*|&")), "not a tax id: not searched");
            assertEquals(0, bc.apiRequests.get() - before, "nothing asked");
        }
    }

    @Test
    @DisplayName("SYNC-21 writes: the VAT registration number is written on create and on update only when it really changes (SYNC-19 stamp); a long one loses its separators, not its digits; no registration number is written")
    void taxIdWrittenOnlyWhenItChanges() {
        CardData company = new CardData("Fjord AS", null, null, "Karl Johans gate 1", null, "Oslo", "0154", null, "NO", null,
                "post@fjord.example", "HRB-123456-7", "NO 923 609 016 MVA");
        String no;
        try (ErpSession s = sim.open(erp)) {
            no = s.create(List.of(new NewCard(UUID.randomUUID().toString(), company, template(), null, null))).get(0).customerNo();
            CardData read = s.byNumbers(List.of(no)).get(no).data();
            assertEquals("NO 923 609 016 MVA", read.vatRegistrationNo());
            assertNull(read.registrationNo(), "API v2.0 has no registration number: not written, read back empty");

            int batches = bc.batchRequests.get();
            assertEquals(List.of(), s.update(Map.of(no, company)), "the same tax id again");
            assertEquals(batches, bc.batchRequests.get(), "nothing sent");

            String longId = "CHE-123.456.789 MWST TVA"; // 24 characters; BC's VAT Registration No. holds 20
            assertEquals(List.of(no), s.update(Map.of(no, new CardData(null, null, null, null, null, null, null, null, null, null, null,
                    null, longId))));
            BusinessCentralCustomer now = direct.customersByNumbers(List.of(no)).get(0);
            assertEquals("CHE123456789MWSTTVA", now.taxRegistrationNumber());
            assertEquals(Normalize.taxId(longId), Normalize.taxId(now.taxRegistrationNumber()), "the same key");
            assertEquals(now.etag(), syncWrites.stamps(sim.companyId, List.of(no)).get(no), "SYNC-19: our write's etag");
            assertEquals(List.of(), s.update(Map.of(no, new CardData(null, null, null, null, null, null, null, null, null, null, null,
                    null, longId))), "compared as written: no change the second time");
        }
    }

    @Test
    @DisplayName("SYNC-19 changes: pages by nextLink within a run, an overlap window for writes stamped earlier than they commit, each change once, the sync's own writes skipped")
    void changesPagedWithOverlapSkippingOwnWrites() {
        bc.pageSize(2);
        List<BusinessCentralCustomer> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(direct.create(customer("Customer " + i, "c" + i + "@example.com", null, "NO", "0154")));
            sim.clock.advance(Duration.ofSeconds(1));
        }
        try (ErpSession s = sim.open(erp)) {
            ChangePage first = s.changes(null, 3);
            assertEquals(List.of(made.get(0).number(), made.get(1).number(), made.get(2).number()), numbers(first));
            assertFalse(first.last());
            ChangePage second = s.changes(first.cursor(), 3);
            assertEquals(List.of(made.get(3).number(), made.get(4).number()), numbers(second));
            assertTrue(second.last());

            ChangePage nothing = s.changes(second.cursor(), 10);
            assertEquals(List.of(), numbers(nothing), "the overlap brings the last ones back; they were delivered");
            assertTrue(nothing.last());

            sim.clock.advance(Duration.ofMinutes(3));
            bc.editInBc(made.get(1).id(), "city", "Bergen");
            ChangePage edited = s.changes(nothing.cursor(), 10);
            assertEquals(List.of(made.get(1).number()), numbers(edited));
            assertEquals("Bergen", edited.cards().get(0).data().city());

            // a write that began two minutes ago and commits only now: older than what was read, inside the overlap
            sim.clock.advance(Duration.ofMinutes(1));
            bc.editInBcLate(made.get(3).id(), "city", "Trondheim", Duration.ofMinutes(2));
            ChangePage late = s.changes(edited.cursor(), 10);
            assertEquals(List.of(made.get(3).number()), numbers(late), "found although stamped before the cursor's high mark");
            assertEquals(List.of(), numbers(s.changes(late.cursor(), 10)), "and delivered once");

            // the sync's own write does not come back (SYNC-19); a user's edit after it does
            sim.clock.advance(Duration.ofSeconds(5));
            assertEquals(List.of(made.get(4).number()), s.update(Map.of(made.get(4).number(),
                    card("Customer 4", "c4@example.com", null, "NO", "0160"))));
            ChangePage own = s.changes(late.cursor(), 10);
            assertEquals(List.of(), numbers(own), "SYNC-19: the sync's own update is not a change");
            sim.clock.advance(Duration.ofSeconds(5));
            bc.editInBc(made.get(4).id(), "city", "Tromsø");
            assertEquals(List.of(made.get(4).number()), numbers(s.changes(own.cursor(), 10)));
        }
    }

    @Test
    @DisplayName("a resumed export (a kept cursor in the middle of a scan) goes on with BC's nextLink; a cursor never read starts over")
    void cursorResumesAndUnreadableStartsOver() {
        bc.pageSize(2);
        for (int i = 0; i < 4; i++) {
            direct.create(customer("Customer " + i, "c" + i + "@example.com", null, "NO", "0154"));
            sim.clock.advance(Duration.ofSeconds(1));
        }
        String middle;
        try (ErpSession s = sim.open(erp)) {
            middle = s.changes(null, 2).cursor();
        }
        try (ErpSession s = sim.open(erp)) { // another session: the run resumed after a restart
            ChangePage rest = s.changes(middle, 10);
            assertEquals(2, rest.cards().size());
            assertTrue(rest.last());
            assertEquals(4, s.changes("not a cursor of ours", 10).cards().size(), "never skips: a full scan");
        }
        assertEquals(BusinessCentralCursor.parse(middle).encode(Duration.ofMinutes(10)), middle, "the text reads back as written");
    }

    @Test
    @DisplayName("placeOrders: a draft sales order per order (externalDocumentNumber = reference, no currency code for the company's own), comment lines, exactly once also when an answer is lost")
    void placeOrdersExactlyOnce() {
        BusinessCentralCustomer ada = direct.create(customer("Ada", "ada@example.com", null, "NO", "0154"));
        NewOrder eur = new NewOrder(UUID.randomUUID().toString(), ada.number(), "EUR", BusinessCentralSessions.T0, new BigDecimal("998.00"),
                List.of(new OrderLine("Kayak", new BigDecimal("2"), new BigDecimal("499.00"))));
        NewOrder nok = new NewOrder(UUID.randomUUID().toString(), ada.number(), "NOK", BusinessCentralSessions.T0, new BigDecimal("120"),
                List.of(new OrderLine("Paddle", BigDecimal.ONE, new BigDecimal("100")), new OrderLine("Shipping", BigDecimal.ONE, new BigDecimal("20"))));
        Map<String, String> placed;
        bc.failNextBatch(new DropAfterCommit()); // the orders' $batch: committed, answer lost
        try (ErpSession s = sim.open(erp)) {
            placed = s.placeOrders(List.of(eur, nok));
        }
        assertEquals(2, bc.salesOrdersCreated.get());
        Map<String, ObjectNode> byRef = new HashMap<>();
        for (ObjectNode o : bc.salesOrders()) byRef.put(o.get("externalDocumentNumber").asText(), o);
        ObjectNode e = byRef.get(BusinessCentralReference.documentReference(eur.reference()));
        ObjectNode n = byRef.get(BusinessCentralReference.documentReference(nok.reference()));
        assertEquals(e.get("number").asText(), placed.get(eur.reference()));
        assertEquals("", e.get("currencyCode").asText(), "the company's own currency has no code on a BC document");
        assertEquals("NOK", n.get("currencyCode").asText());
        assertEquals("Draft", e.get("status").asText());
        assertEquals("2026-03-02", e.get("orderDate").asText());
        assertEquals(List.of("2 × Kayak à 499.00", "Store order total 998.00 EUR"), descriptions(e));
        assertEquals(List.of("1 × Paddle à 100", "1 × Shipping à 20", "Store order total 120 NOK"), descriptions(n));
        assertTrue(bc.salesOrderLines(e.get("id").asText()).stream().allMatch(l -> l.get("lineType").asText().equals("Comment")));

        bc.failNextBatch(new Pass()); // the third order's $batch passes,
        bc.failNextBatch(new DropAfterCommit()); // its lines' $batch commits and the answer is lost
        NewOrder third = new NewOrder(UUID.randomUUID().toString(), ada.number(), "EUR", BusinessCentralSessions.T0, null,
                List.of(new OrderLine("Tent", BigDecimal.ONE, null)));
        try (ErpSession s = sim.open(erp)) {
            Map<String, String> again = s.placeOrders(List.of(eur, nok, third)); // the rerun: two placed before, one new
            assertEquals(placed.get(eur.reference()), again.get(eur.reference()));
            assertEquals(placed.get(nok.reference()), again.get(nok.reference()));
        }
        assertEquals(3, bc.salesOrdersCreated.get());
        assertEquals(2, descriptions(e).size(), "no line twice");
        ObjectNode t = bc.salesOrders().stream().filter(o -> o.get("externalDocumentNumber").asText()
                .equals(BusinessCentralReference.documentReference(third.reference()))).findFirst().orElseThrow();
        assertEquals(List.of("1 × Tent"), descriptions(t), "the lost lines' answer: retried, each line once");
    }

    @Test
    @DisplayName("faults: 429 with Retry-After is waited out and retried; 503 on every attempt ends in ErpUnavailableException (not applied); a refused secret is ErpRejectedException without the secret")
    void faults() throws Exception {
        BusinessCentralCustomer ada = direct.create(customer("Ada", "ada@example.com", null, "NO", "0154"));
        try (ErpSession s = sim.open(erp)) {
            s.byNumbers(List.of(ada.number())); // token fetched
            bc.failNext(new Throttle(1));
            int before = bc.apiRequests.get();
            long started = System.nanoTime();
            assertEquals(1, s.byNumbers(List.of(ada.number())).size());
            assertEquals(2, bc.apiRequests.get() - before, "throttled once, then answered");
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(900).toNanos(), "BC's Retry-After was waited out");

            for (int i = 0; i < 4; i++) bc.failNext(new Unavailable(0));
            ErpUnavailableException down = assertThrows(ErpUnavailableException.class, () -> s.byNumbers(List.of(ada.number())));
            assertFalse(down.mayHaveRun());
            assertTrue(down.getMessage().contains("503"), down.getMessage());

            bc.failNextBatch(new Unavailable(0));
            bc.failNextBatch(new Unavailable(0));
            NewCard c = new NewCard(UUID.randomUUID().toString(), card("Bob", "bob@example.com", null, "NO", "0155"), template(), null, null);
            assertFalse(s.create(List.of(c)).get(0).existed(), "the guard's retries carried the create through two 503s");
        }
        try (BusinessCentralSessions wrong = BusinessCentralSessions.withSecret("bc-wrong", "not-the-secret-" + UUID.randomUUID());
             ErpSession s = wrong.open(erp)) {
            ErpRejectedException refused = assertThrows(ErpRejectedException.class, () -> s.byNumbers(List.of("C00010")));
            assertTrue(refused.getMessage().contains("invalid_client"), refused.getMessage());
            assertFalse(refused.getMessage().contains("not-the-secret"));
        }
    }

    @Test
    @DisplayName("a template naming payment terms BC does not have is refused with a message that names them (SYNC-7), nothing is created")
    void unknownPaymentTermsAreRejected() {
        Template t = new Template("ODD", "DOMESTIC", "DOMESTIC", "DOMESTIC", null, "60 DAYS", false, List.of());
        try (ErpSession s = sim.open(erp)) {
            ErpRejectedException e = assertThrows(ErpRejectedException.class, () -> s.create(List.of(
                    new NewCard(UUID.randomUUID().toString(), card("Ada", "ada@example.com", null, "NO", "0154"), t, null, null))));
            assertTrue(e.getMessage().contains("60 DAYS"), e.getMessage());
        }
        assertEquals(0, bc.customersCreated.get());
    }

    private static List<String> numbers(ChangePage page) {
        return page.cards().stream().map(ErpCard::customerNo).toList();
    }

    private List<String> descriptions(ObjectNode order) {
        return bc.salesOrderLines(order.get("id").asText()).stream().map(l -> l.get("description").asText()).toList();
    }
}
