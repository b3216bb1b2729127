package io.merchantdesk.kernel.outbox;

import io.merchantdesk.kernel.persistence.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Writes a side effect (an e-mail) into the outbox inside the caller's transaction: it is delivered
 * only if the change commits, and it survives a crash after the commit.
 */
@ApplicationScoped
public class Outbox {
    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID email(String kind, String recipient, String subject, String body, String aggregateType, UUID aggregateId) {
        UUID id = Ids.next();
        em.createNativeQuery("""
                INSERT INTO outbox_messages (id, kind, recipient, subject, body, aggregate_type, aggregate_id)
                VALUES (:id, :kind, :recipient, :subject, :body, :aggType, :aggId)""")
                .setParameter("id", id).setParameter("kind", kind).setParameter("recipient", recipient)
                .setParameter("subject", subject).setParameter("body", body)
                .setParameter("aggType", aggregateType).setParameter("aggId", aggregateId)
                .executeUpdate();
        return id;
    }
}
