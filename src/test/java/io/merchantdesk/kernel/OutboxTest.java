package io.merchantdesk.kernel;

import static org.junit.jupiter.api.Assertions.*;

import io.merchantdesk.kernel.outbox.Outbox;
import io.merchantdesk.kernel.outbox.OutboxSender;
import io.merchantdesk.support.Api;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxTest {
    @Inject
    Outbox outbox;

    @Inject
    OutboxSender sender;

    @Inject
    MockMailbox mailbox;

    @Inject
    EntityManager em;

    @Test
    void aCommittedMessageIsDeliveredOnceThroughTheMailer() {
        String to = Api.unique("rcpt") + "@example.com";
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.email("TEST", to, "Hello", "Body", "test", null));
        while (sender.deliverDue() > 0) { /* drain everything due */ }
        assertEquals(1, mailbox.getMailsSentTo(to).size());
        assertEquals("Hello", mailbox.getMailsSentTo(to).get(0).getSubject());
        assertEquals("SENT", status(id));
        sender.deliverDue();
        assertEquals(1, mailbox.getMailsSentTo(to).size(), "a sent message is not sent again");
    }

    @Test
    void aRolledBackChangeWritesNoMessage() {
        String to = Api.unique("rcpt") + "@example.com";
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.email("TEST", to, "Never", "Body", "test", null);
            throw new IllegalStateException("the change fails after writing the message");
        }));
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_messages WHERE recipient = :r").setParameter("r", to).getSingleResult()).longValue());
        assertEquals(0, rows);
        while (sender.deliverDue() > 0) { }
        assertTrue(mailbox.getMailsSentTo(to) == null || mailbox.getMailsSentTo(to).isEmpty());
    }

    @Test
    void writingOutsideATransactionIsRefused() {
        assertThrows(Exception.class, () -> outbox.email("TEST", "x@example.com", "s", "b", null, null));
    }

    private String status(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("SELECT status FROM outbox_messages WHERE id = :id")
                .setParameter("id", id).getSingleResult());
    }
}
