package io.merchantdesk.sync.tryton;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.support.AnswerDroppingProxy;
import io.merchantdesk.support.Trytond;
import io.merchantdesk.sync.tryton.TrytonRpc.Order;
import io.merchantdesk.sync.tryton.TrytonRpc.Write;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link TrytonRpc} against a live trytond 6.0 ({@link Trytond}): the party mapping the Tryton adapter will use
 * (issue 21), batch calls, paging by modification time, lookups by e-mail, phone and merchantdesk's reference,
 * and the failure modes the sync must tell apart. The class gets its own copy of the template database.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class TrytonRpcTest {
    private static Trytond trytond;
    private static String database;
    private static TrytonRpc rpc;

    @BeforeAll
    static void start() {
        trytond = Trytond.shared();
        database = trytond.newDatabase("rpc");
        rpc = new TrytonRpc(settings(trytond.baseUrl(), database, Trytond.ADMIN_PASSWORD));
    }

    private static TrytonRpc.Settings settings(URI url, String db, String password) {
        return new TrytonRpc.Settings(url, db, Trytond.ADMIN_LOGIN, password, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    // ---- log-in ----

    @Test
    void a_loginAnswersTheUserAndLoadsTheUserContext() {
        rpc.login();
        List<Long> admin = rpc.search("res.user", List.of(clause("login", "=", "admin")), 0, null, List.of());
        assertEquals(admin, List.of(rpc.userId()));
        // the context Tryton's own clients send: the user's preferences
        assertEquals("en", rpc.context().get("language"));
    }

    @Test
    void b_wrongPasswordOrUnknownDatabaseIsAnAuthenticationFailure() {
        TrytonRpc wrong = new TrytonRpc(settings(trytond.baseUrl(), database, "not-the-password"));
        TrytonAuthException e = assertThrows(TrytonAuthException.class, wrong::login);
        assertEquals(401, e.httpStatus());
        TrytonRpc missing = new TrytonRpc(settings(trytond.baseUrl(), database + "_missing", Trytond.ADMIN_PASSWORD));
        assertEquals(404, assertThrows(TrytonAuthException.class, missing::login).httpStatus());
    }

    // ---- parties: one create for the batch ----

    @Test
    void c_createsThreePartiesInOneCallWithContactMechanismsAddressesAndOurReference() {
        Map<String, Long> countries = ids("country.country", "code", List.of("DE", "FR", "US"));
        Map<String, Long> subdivisions = ids("country.subdivision", "code", List.of("DE-BY", "FR-75", "US-CA"));
        assertEquals(3, countries.size(), "countries imported into the template: " + countries);
        assertEquals(3, subdivisions.size(), "subdivisions imported into the template: " + subdivisions);

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> batch = List.of(
                party("Anna Huber " + run, "md:" + run + "-1", "anna." + run + "@example.de", "+49 89 1234567",
                        "Marienplatz 1", "80331", "München", countries.get("DE"), subdivisions.get("DE-BY")),
                party("Bruno Martin " + run, "md:" + run + "-2", "bruno." + run + "@example.fr", "+33 1 42 68 53 00",
                        "1 Rue de Rivoli", "75001", "Paris", countries.get("FR"), subdivisions.get("FR-75")),
                party("Carla Diaz " + run, "md:" + run + "-3", "carla." + run + "@example.com", "+1 415 555 0100",
                        "1 Market St", "94105", "San Francisco", countries.get("US"), subdivisions.get("US-CA")));
        List<Long> ids = rpc.create("party.party", batch);
        assertEquals(3, ids.size());

        List<Map<String, Object>> read = rpc.searchRead("party.party", List.of(clause("id", "in", ids)), 0, null,
                List.of(Order.asc("id")), List.of("code", "name", "create_date", "write_date", "identifiers", "contact_mechanisms", "addresses"));
        assertEquals(ids, read.stream().map(r -> (Long) r.get("id")).toList(), "the ids come back in the order of the values");
        // the party number comes from Tryton's party sequence (numeric, increasing in the order of creation)
        List<Long> codes = read.stream().map(r -> Long.parseLong((String) r.get("code"))).toList();
        assertEquals(List.of(codes.get(0), codes.get(0) + 1, codes.get(0) + 2), codes);
        for (Map<String, Object> r : read) {
            LocalDateTime created = assertInstanceOf(LocalDateTime.class, r.get("create_date"));
            // naive UTC: trytond runs with TZ=UTC
            assertTrue(Duration.between(created, LocalDateTime.now(ZoneOffset.UTC)).abs().toMinutes() < 5, "create_date is UTC: " + created);
            // never written since creation: write_date stays NULL, so "modified since" must fall back to create_date
            assertNull(r.get("write_date"));
            assertEquals(1, ((List<?>) r.get("identifiers")).size());
            assertEquals(2, ((List<?>) r.get("contact_mechanisms")).size());
            assertEquals(1, ((List<?>) r.get("addresses")).size());
        }
        assertEquals(1, read.stream().map(r -> r.get("create_date")).distinct().count(),
                "one call is one transaction: every record of the batch has the same create_date (transaction start)");

        // addresses with country and subdivision, read through the relation with dotted names
        List<Map<String, Object>> addresses = rpc.searchRead("party.address", List.of(clause("party", "in", ids)), 0, null,
                List.of(Order.asc("party")), List.of("party", "city", "postal_code", "country.code", "subdivision.code"));
        assertEquals(List.of("DE-BY", "FR-75", "US-CA"), addresses.stream().map(a -> nested(a, "subdivision.", "code")).toList());
        assertEquals(List.of("DE", "FR", "US"), addresses.stream().map(a -> nested(a, "country.", "code")).toList());

        // phones are stored formatted (phonenumbers, INTERNATIONAL) with an E.164 value_compact to search by
        List<Map<String, Object>> phones = rpc.searchRead("party.contact_mechanism",
                List.of(clause("party", "in", ids), clause("type", "=", "phone")), 0, null, List.of(Order.asc("party")),
                List.of("value", "value_compact"));
        assertEquals(List.of("+49891234567", "+33142685300", "+14155550100"), phones.stream().map(p -> p.get("value_compact")).toList());
        assertEquals("+49 89 1234567", phones.get(0).get("value"));
    }

    @Test
    void d_findsPartiesByEmailByPhoneAndByOurReferenceInOneSearchEach() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = rpc.create("party.party", List.of(
                party("Dora " + run, "md:" + run + "-d", "Dora_" + run + "@Example.org", "+44 20 7946 0018", null, null, null, null, null),
                party("Emil " + run, "md:" + run + "-e", "emil%" + run + "@example.org", "+41 44 668 18 00", null, null, null, null, null)));

        // e-mail: case-insensitive equality is ilike without wildcards, so the address's own _ and % are escaped
        List<Object> byEmail = new ArrayList<>(List.of("OR"));
        byEmail.add(clause("value", "ilike", TrytonParties.likeLiteral("dora_" + run + "@example.ORG")));
        byEmail.add(clause("value", "ilike", TrytonParties.likeLiteral("EMIL%" + run + "@example.org")));
        byEmail.add(clause("value", "ilike", TrytonParties.likeLiteral("doraX" + run + "@example.org"))); // '_' must not match 'X'
        List<Map<String, Object>> mails = rpc.searchRead("party.contact_mechanism",
                List.of(clause("type", "=", "email"), byEmail), 0, null, List.of(Order.asc("party")), List.of("party", "value"));
        assertEquals(ids, mails.stream().map(m -> (Long) m.get("party")).toList());

        // phone: by the E.164 value_compact, one 'in' for the batch
        List<Map<String, Object>> phones = rpc.searchRead("party.contact_mechanism",
                List.of(clause("type", "in", List.of("phone", "mobile")), clause("value_compact", "in", List.of("+442079460018", "+41446681800"))),
                0, null, List.of(Order.asc("party")), List.of("party"));
        assertEquals(ids, phones.stream().map(m -> (Long) m.get("party")).toList());

        // merchantdesk's reference: an untyped party identifier, looked up for a whole batch in one search
        Map<String, Long> byReference = byReference(List.of("md:" + run + "-d", "md:" + run + "-e", "md:" + run + "-never-created"));
        assertEquals(Map.of("md:" + run + "-d", ids.get(0), "md:" + run + "-e", ids.get(1)), byReference);
        // the same reference also finds the party through party.party's own search (identifiers.code)
        assertEquals(List.of(ids.get(0)), rpc.search("party.party", List.of(clause("identifiers.code", "=", "md:" + run + "-d")), 0, null, List.of()));
    }

    @Test
    void e_aCreateWhoseAnswerWasLostIsFoundOnRetryByOurReference() throws Exception {
        String reference = "md:" + UUID.randomUUID();
        // the create reaches Tryton and commits, but its answer never reaches us: a proxy that forwards the request
        // and closes the client's connection without relaying the answer
        try (AnswerDroppingProxy proxy = new AnswerDroppingProxy(trytond.baseUrl().getPort())) {
            TrytonRpc viaProxy = new TrytonRpc(settings(proxy.baseUrl(), database, Trytond.ADMIN_PASSWORD));
            viaProxy.login(); // log-in answers pass; the create's answer is dropped
            proxy.dropNextAnswerTo("model.party.party.create");
            TrytonUnavailableException lost = assertThrows(TrytonUnavailableException.class, () -> viaProxy.create("party.party",
                    List.of(party("Lost Answer", reference, "lost@example.org", null, null, null, null, null, null))));
            assertTrue(lost.maybeApplied(), "the request was sent, its outcome is unknown");
        }
        // the retry looks up the batch's references first: the party exists once, so it is not created again
        Map<String, Long> found = byReference(List.of(reference));
        assertEquals(Set.of(reference), found.keySet());
        assertEquals(1, rpc.searchCount("party.identifier", List.of(clause("code", "=", reference))));
    }

    // ---- changes since a point in time, paged ----

    @Test
    void f_pagesChangesSinceAModificationTimeByIdKeyset() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> values = new ArrayList<>();
        for (int i = 0; i < 5; i++) values.add(party("Page " + run + " " + i, "md:" + run + "-" + i, null, null, null, null, null, null, null));
        List<Long> ids = rpc.create("party.party", values);
        LocalDateTime created = (LocalDateTime) rpc.read("party.party", List.of(ids.get(0)), List.of("create_date")).get(0).get("create_date");

        // everything modified at or after `created`: write_date, or create_date for never-written records
        List<Object> since = changedSince(created);
        List<Long> seen = new ArrayList<>();
        long lastId = 0;
        int pages = 0;
        while (true) {
            List<Map<String, Object>> page = rpc.searchRead("party.party",
                    List.of(since, clause("id", ">", lastId), clause("name", "like", "Page " + run + "%")),
                    0, 2, List.of(Order.asc("id")), List.of("id", "write_date", "create_date"));
            if (page.isEmpty()) break;
            pages++;
            for (Map<String, Object> r : page) seen.add((Long) r.get("id"));
            lastId = (Long) page.get(page.size() - 1).get("id");
        }
        assertEquals(ids, seen, "each record once, in id order");
        assertEquals(3, pages);

        // a batch write: Tryton's write takes (ids, values) pairs, several pairs in one call and one transaction
        Thread.sleep(20); // write_date is the writing transaction's start: make it differ from create_date
        rpc.write("party.party", List.of(
                new Write(List.of(ids.get(1)), Map.of("name", "Page " + run + " renamed")),
                new Write(List.of(ids.get(3), ids.get(4)), Map.of("active", true, "name", "Page " + run + " both"))));
        List<Map<String, Object>> written = rpc.read("party.party", List.of(ids.get(1), ids.get(3), ids.get(4)), List.of("name", "write_date"));
        Set<Object> writeDates = written.stream().map(r -> r.get("write_date")).collect(Collectors.toSet());
        assertEquals(1, writeDates.size(), "one write call, one transaction, one write_date");
        LocalDateTime writeDate = assertInstanceOf(LocalDateTime.class, writeDates.iterator().next());
        assertTrue(writeDate.isAfter(created));
        assertEquals(Set.of("Page " + run + " renamed", "Page " + run + " both"),
                written.stream().map(r -> (String) r.get("name")).collect(Collectors.toSet()));

        // a write through the party that only touches a one2many (a new e-mail) still sets the party's write_date
        rpc.write("party.party", List.of(ids.get(0)), Map.of("contact_mechanisms",
                List.of(List.of("create", List.of(Map.of("type", "email", "value", "page0." + run + "@example.org"))))));
        LocalDateTime childWrite = (LocalDateTime) rpc.read("party.party", List.of(ids.get(0)), List.of("write_date")).get(0).get("write_date");
        assertTrue(childWrite != null && childWrite.isAfter(writeDate), "write_date " + childWrite);

        // the next run's cursor: only the written ones are "changed since" the first write
        List<Long> changed = rpc.search("party.party", List.of(changedSince(writeDate), clause("name", "like", "Page " + run + "%")),
                0, null, List.of(Order.asc("write_date"), Order.asc("id")));
        assertEquals(List.of(ids.get(1), ids.get(3), ids.get(4), ids.get(0)), changed, "ordered by write_date, then id");
    }

    // ---- failures the sync must tell apart ----

    @Test
    void g_anExpiredSessionIsRenewedOnceAndTheCallSucceeds() throws SQLException {
        rpc.login();
        long user = rpc.userId();
        // Tryton expires a session older than [session] max_age: age every session of this database past it
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
             Statement s = c.createStatement()) {
            assertTrue(s.executeUpdate("UPDATE ir_session SET create_date = create_date - interval '31 days'") >= 1);
        }
        List<Long> admin = rpc.search("res.user", List.of(clause("login", "=", "admin")), 0, null, List.of());
        assertEquals(List.of(user), admin);
        assertEquals(user, rpc.userId());
        // the call went through a new session: Tryton deleted the expired ones when it refused them (401)
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE create_date < now() - interval '1 day'),"
                     + " count(*) FILTER (WHERE create_date >= now() - interval '1 day') FROM ir_session")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "expired sessions left");
            assertTrue(rs.getInt(2) >= 1, "a fresh session");
        }
    }

    @Test
    void h_errorAnswersAreTyped() {
        // a validation rule: the party module refuses an invalid phone number (UserError)
        TrytonErrorException invalid = assertThrows(TrytonErrorException.class, () -> rpc.create("party.party",
                List.of(party("Bad Phone", "md:bad-phone", null, "12", null, null, null, null, null))));
        assertEquals(TrytonErrorException.Kind.USER_ERROR, invalid.kind());
        assertTrue(invalid.trytonMessage().contains("12"), invalid.getMessage());
        assertEquals(0, rpc.searchCount("party.identifier", List.of(clause("code", "=", "md:bad-phone"))), "the failed batch left nothing");

        // a concurrent change: the client's timestamp (Tryton's _timestamp) no longer matches the record
        long id = rpc.create("party.party", List.of(party("Concurrent", "md:concurrent-" + UUID.randomUUID(), null, null, null, null, null, null, null))).get(0);
        TrytonErrorException concurrent = assertThrows(TrytonErrorException.class, () -> rpc.call("party.party", "write",
                List.of(List.of(id), Map.of("name", "Too late")), Map.of("_timestamp", Map.of("party.party," + id, "1"))));
        assertEquals(TrytonErrorException.Kind.CONCURRENCY, concurrent.kind());

        // a method the model does not expose over RPC: 403
        TrytonErrorException forbidden = assertThrows(TrytonErrorException.class, () -> rpc.call("party.party", "no_such_method", List.of()));
        assertEquals(TrytonErrorException.Kind.FORBIDDEN_METHOD, forbidden.kind());

        // a Python fault inside Tryton: an unknown field in a domain is a KeyError, sent as [str(e), traceback]
        TrytonErrorException fault = assertThrows(TrytonErrorException.class,
                () -> rpc.search("party.party", List.of(clause("no_such_field", "=", 1)), 0, null, List.of()));
        assertEquals(TrytonErrorException.Kind.SERVER_FAULT, fault.kind());
        assertEquals("'no_such_field'", fault.trytonMessage());
        assertEquals("", fault.description(), "trytond sends the traceback only in --dev mode");
    }

    @Test
    void i_aServerThatNeverAnswersTimesOutAsUnavailable() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) { // accepts connections (backlog), never answers
            TrytonRpc slow = new TrytonRpc(new TrytonRpc.Settings(URI.create("http://127.0.0.1:" + silent.getLocalPort()), database,
                    Trytond.ADMIN_LOGIN, Trytond.ADMIN_PASSWORD, Duration.ofSeconds(1), Duration.ofSeconds(1)));
            TrytonUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(TrytonUnavailableException.class, slow::login));
            assertTrue(e.maybeApplied(), "sent but unanswered: the outcome is unknown");
            assertEquals(0, e.httpStatus());
        }
    }

    @Test
    void j_aStoppedTrytondIsUnavailableAtOnceAndTheClientRecoversAfterARestart() {
        rpc.login();
        trytond.stop();
        try {
            long t0 = System.nanoTime();
            TrytonUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(TrytonUnavailableException.class,
                            () -> rpc.search("party.party", List.of(), 0, 1, List.of())));
            assertFalse(e.maybeApplied(), "connection refused: the request never reached Tryton");
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() < 3000);
        } finally {
            trytond.start();
        }
        System.out.printf("trytond: restarted in %d ms%n", trytond.lastStart().toMillis());
        // sessions live in Tryton's database, so the same session works after the restart
        assertEquals(1, rpc.search("party.party", List.of(), 0, 1, List.of()).size());
    }

    // ---- helpers ----

    /** A party as the adapter will send it: one2many children created in the same call. */
    private static Map<String, Object> party(String name, String reference, String email, String phone, String street,
                                             String postalCode, String city, Long country, Long subdivision) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        // merchantdesk's reference: an identifier without type (no check digit validation), prefixed "md:"
        p.put("identifiers", List.of(List.of("create", List.of(Map.of("code", reference)))));
        List<Map<String, Object>> mechanisms = new ArrayList<>();
        if (email != null) mechanisms.add(Map.of("type", "email", "value", email));
        if (phone != null) mechanisms.add(Map.of("type", "phone", "value", phone));
        if (!mechanisms.isEmpty()) p.put("contact_mechanisms", List.of(List.of("create", mechanisms)));
        if (city != null) {
            Map<String, Object> address = new HashMap<>();
            address.put("street", street);
            address.put("postal_code", postalCode);
            address.put("city", city);
            address.put("country", country);
            address.put("subdivision", subdivision);
            p.put("addresses", List.of(List.of("create", List.of(address))));
        }
        return p;
    }

    /** Modified at or after {@code t}: Tryton leaves write_date NULL until the first write. */
    private static List<Object> changedSince(LocalDateTime t) {
        return List.of("OR", clause("write_date", ">=", t),
                List.of(clause("write_date", "=", null), clause("create_date", ">=", t)));
    }

    /** Our reference → party id, for a batch of references in one search. */
    private static Map<String, Long> byReference(List<String> references) {
        Map<String, Long> found = new HashMap<>();
        for (Map<String, Object> r : rpc.searchRead("party.identifier",
                List.of(clause("type", "=", null), clause("code", "in", references)), 0, null, List.of(), List.of("code", "party"))) {
            found.put((String) r.get("code"), (Long) r.get("party"));
        }
        return found;
    }

    private static Map<String, Long> ids(String model, String field, List<String> values) {
        Map<String, Long> out = new HashMap<>();
        for (Map<String, Object> r : rpc.searchRead(model, List.of(clause(field, "in", values)), 0, null, List.of(), List.of(field))) {
            out.put((String) r.get(field), (Long) r.get("id"));
        }
        return out;
    }

    private static Object nested(Map<String, Object> row, String relation, String field) {
        return ((Map<?, ?>) row.get(relation)).get(field);
    }
}
