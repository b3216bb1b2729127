package io.merchantdesk.sync.businesscentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.sync.businesscentral.BusinessCentralClient.Create;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient.Outcome;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient.Update;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient.WriteResult;
import io.merchantdesk.sync.businesscentral.BusinessCentralSimulator.TestClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BusinessCentralClient} against {@link BusinessCentralSimulator}: a contract test of the documented request
 * and answer shapes, not a run against a live Business Central tenant.
 */
class BusinessCentralClientTest {
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    private TestClock clock;
    private BusinessCentralSimulator bc;
    private BusinessCentralClient client;

    @BeforeEach
    void start() throws Exception {
        clock = new TestClock(T0);
        bc = new BusinessCentralSimulator(clock);
        client = new BusinessCentralClient(bc.settings(Duration.ofSeconds(5)), clock);
    }

    @AfterEach
    void stop() {
        bc.close();
    }

    private static Map<String, Object> customer(String name, String email) {
        return Map.of("displayName", name, "email", email, "type", "Person", "country", "DE", "city", "Berlin");
    }

    // ---- token ----

    @Test
    void tokenIsFetchedOnceAndCachedAcrossRequests() {
        client.create(customer("Ada Lovelace", "ada@example.com"));
        client.customersByEmails(List.of("ada@example.com"));
        client.customersChangedSince(T0, 100, page -> { });
        assertEquals(1, bc.tokensIssued.get());
        assertEquals(1, client.tokensFetched());
        assertEquals(3, bc.apiRequests.get());
    }

    @Test
    void tokenIsReplacedShortlyBeforeItExpires() {
        bc.tokenLifetime(Duration.ofHours(1));
        client.create(customer("Ada Lovelace", "ada@example.com"));
        clock.advance(Duration.ofMinutes(58)); // still valid for 2 minutes: kept
        client.customersByEmails(List.of("ada@example.com"));
        assertEquals(1, bc.tokensIssued.get());
        clock.advance(Duration.ofSeconds(90)); // 30 s left, inside the 60 s skew: replaced before BC would refuse it
        client.customersByEmails(List.of("ada@example.com"));
        assertEquals(2, bc.tokensIssued.get());
        clock.advance(Duration.ofHours(3)); // long expired
        assertEquals(1, client.customersByEmails(List.of("ada@example.com")).size());
        assertEquals(3, bc.tokensIssued.get());
    }

    @Test
    void aRefusedTokenIsReplacedOnceAndTheRequestRepeated() {
        client.create(customer("Ada Lovelace", "ada@example.com"));
        bc.revokeTokens(); // e.g. the app's secret was rotated: BC answers 401 before running anything
        BusinessCentralCustomer c = client.create(customer("Grace Hopper", "grace@example.com"));
        assertEquals("Grace Hopper", c.displayName());
        assertEquals(2, bc.tokensIssued.get());
        assertEquals(2, bc.customersCreated.get()); // the refused POST did not run, the repeated one ran once
    }

    @Test
    void aWrongSecretIsAnAuthErrorWithEntraIdsCode() {
        BusinessCentralClient.Settings s = bc.settings(Duration.ofSeconds(5));
        BusinessCentralClient wrong = new BusinessCentralClient(new BusinessCentralClient.Settings(s.endpoint(), s.authority(),
                s.tenantId(), s.environment(), s.companyId(), s.clientId(), "not-the-secret", s.scope(), true,
                s.connectTimeout(), s.requestTimeout()), clock);
        BusinessCentralAuthException e = assertThrows(BusinessCentralAuthException.class,
                () -> wrong.customersByNumbers(List.of("C00010")));
        assertEquals("invalid_client", e.code());
        assertEquals(401, e.httpStatus());
        assertFalse(e.getMessage().contains("not-the-secret"));
        assertFalse(s.toString().contains(BusinessCentralSimulator.CLIENT_SECRET));
        assertEquals(0, bc.apiRequests.get());
    }

    // ---- reads ----

    @Test
    void changesArePagedAcrossNextLinksOldestFirst() {
        bc.pageSize(3);
        for (int i = 0; i < 10; i++) {
            client.create(customer("Customer " + i, "c" + i + "@example.com"));
            clock.advance(Duration.ofSeconds(1));
        }
        List<List<BusinessCentralCustomer>> pages = new ArrayList<>();
        BusinessCentralClient.Changes changes = client.customersChangedSince(T0, 100, pages::add);
        assertEquals(10, changes.count());
        assertEquals(4, changes.pages()); // 3 + 3 + 3 + 1: the server's page size wins over the 100 asked for
        List<BusinessCentralCustomer> all = pages.stream().flatMap(List::stream).toList();
        assertEquals(10, all.stream().map(BusinessCentralCustomer::id).distinct().count());
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).lastModifiedDateTime().isBefore(all.get(i - 1).lastModifiedDateTime()));
        }
        assertEquals(T0.plusSeconds(9), changes.latestModified().orElseThrow());

        // Prefer: odata.maxpagesize lowers the page size below the server's
        bc.pageSize(20_000);
        List<Integer> sizes = new ArrayList<>();
        assertEquals(5, client.customersChangedSince(T0, 2, p -> sizes.add(p.size())).pages());
        assertEquals(List.of(2, 2, 2, 2, 2), sizes);
    }

    @Test
    void changesSinceATimeIncludeThatTimeAndLaterEditsOnly() {
        BusinessCentralCustomer a = client.create(customer("Ada", "ada@example.com"));
        client.create(customer("Bob", "bob@example.com"));
        clock.advance(Duration.ofMinutes(5));
        Instant t1 = clock.instant();
        BusinessCentralCustomer c = client.create(customer("Cy", "cy@example.com"));
        clock.advance(Duration.ofMinutes(1));
        bc.editInBc(a.id(), "phoneNumber", "+49 30 1234567"); // a user edits Ada in BC

        List<BusinessCentralCustomer> seen = new ArrayList<>();
        BusinessCentralClient.Changes changes = client.customersChangedSince(t1, 100, seen::addAll);
        assertEquals(List.of(c.id(), a.id()), seen.stream().map(BusinessCentralCustomer::id).toList());
        assertEquals("+49 30 1234567", seen.get(1).phoneNumber());
        assertEquals(t1.plusSeconds(60), changes.latestModified().orElseThrow());

        // ge: a scan from the latest time seen brings that record again (the caller drops what it has seen)
        List<BusinessCentralCustomer> again = new ArrayList<>();
        client.customersChangedSince(changes.latestModified().get(), 100, again::addAll);
        assertEquals(List.of(a.id()), again.stream().map(BusinessCentralCustomer::id).toList());

        BusinessCentralClient.Changes none = client.customersChangedSince(clock.instant().plusSeconds(1), 100, p -> { throw new AssertionError(); });
        assertEquals(0, none.count());
        assertTrue(none.latestModified().isEmpty());
    }

    @Test
    void lookupsByNumbersAndEmailsWithInAndWithOrChains() {
        BusinessCentralCustomer ada = client.create(customer("Ada", "ada@example.com"));
        BusinessCentralCustomer ob = client.create(customer("Pat O'Brien", "o'brien@example.com"));
        client.create(customer("Bob", "bob@example.com"));
        assertEquals(Set.of(ada.id(), ob.id()), ids(client.customersByEmails(List.of("ada@example.com", "o'brien@example.com", "nobody@example.com"))));
        assertEquals(Set.of(ada.id()), ids(client.customersByNumbers(List.of(ada.number(), "C99999"))));

        BusinessCentralClient.Settings s = bc.settings(Duration.ofSeconds(5));
        BusinessCentralClient older = new BusinessCentralClient(new BusinessCentralClient.Settings(s.endpoint(), s.authority(),
                s.tenantId(), s.environment(), s.companyId(), s.clientId(), s.clientSecret(), s.scope(), false,
                s.connectTimeout(), s.requestTimeout()), clock);
        assertEquals(Set.of(ada.id(), ob.id()), ids(older.customersByEmails(List.of("ADA@example.com", "o'brien@example.com"))));

        // more values than one request carries: chunked, every match found
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < BusinessCentralClient.LOOKUP_CHUNK + 5; i++) emails.add("nobody" + i + "@example.com");
        emails.add("bob@example.com");
        int before = bc.apiRequests.get();
        assertEquals(1, client.customersByEmails(emails).size());
        assertEquals(2, bc.apiRequests.get() - before);
    }

    // ---- writes ----

    @Test
    void createAssignsIdNumberEtagAndTime() {
        BusinessCentralCustomer c = client.create(customer("Ada", "ada@example.com"));
        assertEquals(36, c.id().length());
        assertEquals("C00010", c.number()); // from the series
        assertTrue(c.etag().startsWith("W/\""));
        assertEquals(T0, c.lastModifiedDateTime());
        assertEquals("Person", c.type());
        assertEquals("00000000-0000-0000-0000-000000000000", c.paymentTermsId()); // BC's empty GUID, not null
        assertEquals(c, client.customer(c.id()).orElseThrow());
        assertTrue(client.customer(UUID.randomUUID().toString()).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> client.create(Map.of("id", c.id())));
    }

    @Test
    void aBatchCreatesManyCustomersInOneCallAndReportsAFailurePerRecord() {
        List<Create> creates = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID ours = UUID.randomUUID();
            String name = i == 3 ? "x".repeat(101) : "Customer " + i; // BC's Name is Text[100]
            Map<String, Object> values = new java.util.HashMap<>(customer(name, "c" + i + "@example.com"));
            values.put("number", BusinessCentralReference.number(ours));
            creates.add(new Create(ours.toString(), values));
        }
        List<WriteResult> results = client.writeBatch(creates);

        assertEquals(1, bc.batchRequests.get());
        assertEquals(1, bc.apiRequests.get()); // one HTTP request for the five writes
        assertEquals(5, results.size());
        for (int i = 0; i < 5; i++) {
            WriteResult r = results.get(i);
            assertEquals(creates.get(i).key(), r.key());
            if (i == 3) {
                assertEquals(Outcome.ERROR, r.outcome());
                assertEquals(400, r.status());
                assertEquals("Application_StringExceededLength", r.code());
                assertTrue(r.message().contains("100"));
                assertNull(r.customer());
            } else {
                assertEquals(Outcome.OK, r.outcome(), r.message());
                assertEquals(201, r.status());
                assertEquals(creates.get(i).values().get("number"), r.customer().number());
            }
        }
        assertEquals(4, bc.customers().size()); // the refused record did not undo the others
    }

    @Test
    void aBatchReportsAStaleEtagPerRecordAndRefusesMoreThanAHundred() {
        BusinessCentralCustomer a = client.create(customer("Ada", "ada@example.com"));
        BusinessCentralCustomer b = client.create(customer("Bob", "bob@example.com"));
        bc.editInBc(b.id(), "city", "Hamburg"); // Bob changed in BC after we read him
        List<WriteResult> results = client.writeBatch(List.of(
                new Update("a", a.id(), a.etag(), Map.of("phoneNumber", "+49 30 111")),
                new Update("b", b.id(), b.etag(), Map.of("phoneNumber", "+49 30 222"))));
        assertEquals(Outcome.OK, results.get(0).outcome());
        assertEquals("+49 30 111", results.get(0).customer().phoneNumber());
        assertNotEquals(a.etag(), results.get(0).customer().etag());
        assertEquals(Outcome.CONCURRENCY, results.get(1).outcome());
        assertEquals(412, results.get(1).status());
        assertEquals("Hamburg", client.customer(b.id()).orElseThrow().city());
        assertEquals("", client.customer(b.id()).orElseThrow().phoneNumber());

        List<Create> tooMany = new ArrayList<>();
        for (int i = 0; i <= BusinessCentralClient.MAX_BATCH; i++) tooMany.add(new Create("k" + i, Map.of("displayName", "n")));
        assertThrows(IllegalArgumentException.class, () -> client.writeBatch(tooMany));
    }

    @Test
    void patchWithAStaleEtagIsAConcurrencyError() {
        BusinessCentralCustomer a = client.create(customer("Ada", "ada@example.com"));
        BusinessCentralCustomer updated = client.update(a.id(), a.etag(), Map.of("city", "Munich"));
        assertEquals("Munich", updated.city());
        assertEquals("Ada", updated.displayName()); // PATCH changes only what it carries
        BusinessCentralConcurrencyException e = assertThrows(BusinessCentralConcurrencyException.class,
                () -> client.update(a.id(), a.etag(), Map.of("city", "Cologne")));
        assertEquals("Request_EntityChanged", e.code());
        assertEquals("Munich", client.customer(a.id()).orElseThrow().city());
    }

    @Test
    void aRefusedValueIsAnErrorWithBcsCodeAndMessage() {
        BusinessCentralErrorException e = assertThrows(BusinessCentralErrorException.class,
                () -> client.create(customer("x".repeat(101), "ada@example.com")));
        assertEquals(400, e.httpStatus());
        assertEquals("Application_StringExceededLength", e.code());
        assertTrue(e.bcMessage().contains("less than or equal to 100"));
    }

    // ---- faults ----

    @Test
    void throttlingIsUnavailableWithRetryAfterAndNotApplied() {
        bc.failNext(new BusinessCentralSimulator.Throttle(7));
        BusinessCentralUnavailableException e = assertThrows(BusinessCentralUnavailableException.class,
                () -> client.create(customer("Ada", "ada@example.com")));
        assertEquals(429, e.httpStatus());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
        assertFalse(e.maybeApplied());
        assertEquals(0, bc.customersCreated.get());

        bc.failNext(new BusinessCentralSimulator.Unavailable(30));
        BusinessCentralUnavailableException down = assertThrows(BusinessCentralUnavailableException.class,
                () -> client.writeBatch(List.of(new Create("a", customer("Ada", "ada@example.com")))));
        assertEquals(503, down.httpStatus());
        assertEquals(Duration.ofSeconds(30), down.retryAfter().orElseThrow());
        assertFalse(down.maybeApplied());

        assertEquals("Ada", client.create(customer("Ada", "ada@example.com")).displayName()); // once BC is back
        assertEquals(1, bc.customersCreated.get());
    }

    @Test
    void aTimedOutWriteMayHaveBeenAppliedAndATimedOutReadNot() {
        BusinessCentralClient impatient = new BusinessCentralClient(bc.settings(Duration.ofMillis(500)), clock);
        bc.failNext(new BusinessCentralSimulator.Delay(Duration.ofSeconds(3)));
        BusinessCentralUnavailableException e = assertThrows(BusinessCentralUnavailableException.class,
                () -> impatient.create(customer("Ada", "ada@example.com")));
        assertTrue(e.maybeApplied());
        assertEquals(0, e.httpStatus());
        assertEquals(1, bc.customersCreated.get()); // and it was: the slow BC committed before answering

        bc.failNext(new BusinessCentralSimulator.Delay(Duration.ofSeconds(3)));
        BusinessCentralUnavailableException read = assertThrows(BusinessCentralUnavailableException.class,
                () -> impatient.customersByEmails(List.of("ada@example.com")));
        assertFalse(read.maybeApplied());
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundByTheReferenceOnRetryInsteadOfCreatedTwice() {
        UUID ours = UUID.randomUUID();
        String reference = BusinessCentralReference.number(ours);
        Map<String, Object> values = new java.util.HashMap<>(customer("Ada", "ada@example.com"));
        values.put("number", reference);

        bc.failNext(new BusinessCentralSimulator.DropAfterCommit());
        BusinessCentralUnavailableException lost = assertThrows(BusinessCentralUnavailableException.class,
                () -> client.create(values));
        assertTrue(lost.maybeApplied());

        // the retry a caller makes after maybeApplied: look up by reference first, create only what is missing
        BusinessCentralCustomer found = createUnlessPresent(reference, values);
        assertEquals(reference, found.number());
        assertEquals(1, bc.customersCreated.get());
        assertEquals(1, bc.customers().size());

        // and should a caller post it blindly anyway, BC's primary key refuses the twin
        BusinessCentralErrorException twin = assertThrows(BusinessCentralErrorException.class, () -> client.create(values));
        assertEquals("Internal_EntityWithSameKeyExists", twin.code());
        assertEquals(1, bc.customers().size());
    }

    @Test
    void aBatchWhoseAnswerWasLostIsCompletedByReferenceWithoutDuplicates() {
        List<Create> creates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> values = new java.util.HashMap<>(customer("Customer " + i, "c" + i + "@example.com"));
            values.put("number", BusinessCentralReference.number(UUID.randomUUID()));
            creates.add(new Create((String) values.get("number"), values));
        }
        bc.failNext(new BusinessCentralSimulator.DropAfterCommit());
        BusinessCentralUnavailableException lost = assertThrows(BusinessCentralUnavailableException.class,
                () -> client.writeBatch(creates));
        assertTrue(lost.maybeApplied());

        Set<String> present = client.customersByNumbers(creates.stream().map(Create::key).toList()).stream()
                .map(BusinessCentralCustomer::number).collect(Collectors.toSet());
        List<Create> missing = creates.stream().filter(c -> !present.contains(c.key())).toList();
        assertEquals(3, present.size());
        assertTrue(missing.isEmpty());
        assertTrue(client.writeBatch(missing).isEmpty());
        assertEquals(3, bc.customersCreated.get());
    }

    private BusinessCentralCustomer createUnlessPresent(String reference, Map<String, Object> values) {
        List<BusinessCentralCustomer> existing = client.customersByNumbers(List.of(reference));
        return existing.isEmpty() ? client.create(values) : existing.get(0);
    }

    // ---- reference ----

    @Test
    void theReferenceIsADeterministicTwentyCharacterCode() {
        UUID id = UUID.fromString("0f8c2a5e-7d41-4b7e-9a53-2c1d6e8f9b10");
        String n = BusinessCentralReference.number(id);
        assertEquals(20, n.length());
        assertEquals(n, BusinessCentralReference.number(id));
        assertEquals(n, n.toUpperCase());
        assertTrue(BusinessCentralReference.isOurs(n));
        assertFalse(BusinessCentralReference.isOurs("C00010"));
        Set<String> many = new HashSet<>();
        for (int i = 0; i < 10_000; i++) many.add(BusinessCentralReference.number(UUID.randomUUID()));
        assertEquals(10_000, many.size());
    }

    private static Set<String> ids(List<BusinessCentralCustomer> customers) {
        return customers.stream().map(BusinessCentralCustomer::id).collect(Collectors.toSet());
    }
}
