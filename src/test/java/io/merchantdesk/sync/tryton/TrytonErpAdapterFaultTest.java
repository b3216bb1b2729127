package io.merchantdesk.sync.tryton;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.support.AnswerDroppingProxy;
import io.merchantdesk.support.Api;
import io.merchantdesk.support.TrytonCompany;
import io.merchantdesk.support.Trytond;
import io.merchantdesk.sync.engine.ErpRejectedException;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.ErpUnavailableException;
import io.merchantdesk.sync.engine.Model.CardData;
import io.merchantdesk.sync.engine.Model.Created;
import io.merchantdesk.sync.engine.Model.NewCard;
import io.merchantdesk.sync.engine.Model.NewOrder;
import io.merchantdesk.sync.remote.ErpGuards;
import io.merchantdesk.sync.remote.ErpTarget;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Tryton adapter when Tryton fails (issue 21 item 5): a stopped trytond is {@link ErpUnavailableException} after
 * the guard's retries, a create whose answer is lost after Tryton committed leaves exactly one party (the retry finds
 * it by reference), a refused log-in and an order Tryton cannot take are {@link ErpRejectedException}.
 */
@QuarkusTest
class TrytonErpAdapterFaultTest {
    private static TrytonCompany.Database db;
    private static Trytond trytond;
    private static TrytonRpc admin;
    private static UUID company;

    @Inject
    TrytonErpAdapter adapter;

    @Inject
    ErpGuards guards;

    @BeforeAll
    static void trytond() {
        db = TrytonCompany.newDatabase("faults");
        trytond = db.trytond();
        admin = db.admin();
    }

    @AfterAll
    static void logout() {
        admin.logout();
    }

    @BeforeEach
    void company() {
        if (company == null) {
            company = UUID.fromString(db.erpCompany(Api.user("tryton-faults")));
        }
        guards.reset(company); // each test starts with a closed circuit breaker
    }

    private ErpSession open(URI endpoint, String password) {
        return adapter.open(new ErpTarget(company, endpoint, db.name(), Trytond.ADMIN_LOGIN, password, null, null, null, null, Map.of()));
    }

    private static NewCard card(String reference, String name) {
        return new NewCard(reference, new CardData(name, null, null, "Storgata 1", null, "Oslo", "0150", null, "NO", null, null), null, null, null);
    }

    private static long parties(String reference) {
        return admin.searchCount("party.identifier", List.of(clause("code", "=", "md:" + reference)));
    }

    @Test
    @DisplayName("trytond stopped during a session: reads and creates are ERP unavailable (nothing ran); after the restart the session goes on")
    void stoppedTrytondIsUnavailable() {
        String reference = UUID.randomUUID().toString();
        try (ErpSession s = open(trytond.baseUrl(), Trytond.ADMIN_PASSWORD)) {
            assertEquals(Map.of(), s.byNumbers(List.of("no-such-party"))); // logged in
            trytond.stop();
            try {
                ErpUnavailableException read = assertThrows(ErpUnavailableException.class, () -> s.byNumbers(List.of("no-such-party")));
                assertFalse(read.mayHaveRun(), "connection refused: nothing reached Tryton");
                assertTrue(read.getMessage().contains("unavailable"), read.getMessage());
                ErpUnavailableException write = assertThrows(ErpUnavailableException.class, () -> s.create(List.of(card(reference, "Stopped"))));
                assertFalse(write.mayHaveRun());
            } finally {
                trytond.start();
            }
            guards.reset(company);
            assertEquals(0, parties(reference));
            Created made = s.create(List.of(card(reference, "Stopped"))).get(0);
            assertFalse(made.existed());
            assertEquals(1, parties(reference));
        }
    }

    @Test
    @DisplayName("SYNC-18: a create whose answer is lost after Tryton committed is retried by the guard and leaves exactly one party")
    void lostAnswerLeavesOneParty_SYNC18() throws Exception {
        String reference = UUID.randomUUID().toString();
        try (AnswerDroppingProxy proxy = new AnswerDroppingProxy(trytond.baseUrl().getPort());
             ErpSession s = open(proxy.baseUrl(), Trytond.ADMIN_PASSWORD)) {
            s.byNumbers(List.of("no-such-party")); // logged in through the proxy
            proxy.dropNextAnswerTo("model.party.party.create");
            Created made = s.create(List.of(card(reference, "Lost answer"))).get(0);
            assertEquals(1, proxy.dropped(), "the first attempt's answer was lost");
            assertTrue(made.existed(), "the guard's retry found the party by reference instead of making a second one");
            assertEquals(1, parties(reference));
            // the engine's rerun of the batch: still one
            assertEquals(new Created(made.customerNo(), true), s.create(List.of(card(reference, "Lost answer"))).get(0));
            assertEquals(1, parties(reference));
        }
    }

    @Test
    @DisplayName("a refused log-in is ERP rejected, says what to fix and never quotes the password")
    void refusedLoginIsRejected() {
        String wrong = "wrong-" + UUID.randomUUID();
        try (ErpSession s = open(trytond.baseUrl(), wrong)) {
            ErpRejectedException e = assertThrows(ErpRejectedException.class, () -> s.byNumbers(List.of("x")));
            assertTrue(e.getMessage().contains("refused the log-in of admin"), e.getMessage());
            assertFalse(e.getMessage().contains(wrong));
        }
    }

    @Test
    @DisplayName("an order in a currency Tryton lacks is ERP rejected with the currency named, and nothing is placed")
    void unknownCurrencyIsRejected() {
        String order = UUID.randomUUID().toString();
        try (ErpSession s = open(trytond.baseUrl(), Trytond.ADMIN_PASSWORD)) {
            String no = s.create(List.of(card(UUID.randomUUID().toString(), "Currency"))).get(0).customerNo();
            ErpRejectedException e = assertThrows(ErpRejectedException.class, () -> s.placeOrders(List.of(
                    new NewOrder(order, no, "XTS", Instant.now(), BigDecimal.TEN, List.of()))));
            assertTrue(e.getMessage().contains("no currency XTS"), e.getMessage());
            assertEquals(0, admin.searchCount("sale.sale", List.of(clause("reference", "=", order))));
        }
    }
}
