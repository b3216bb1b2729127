package io.merchantdesk.kernel.outbox;

import io.merchantdesk.kernel.persistence.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Writes a side effect (an e-mail) into the outbox inside the caller's transaction: it is delivered
 * only if the change commits, and it survives a crash after the commit.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = """
            INSERT INTO outbox_messages (id, kind, recipient, subject, body, aggregate_type, aggregate_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

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

    /**
     * The same e-mail to several recipients, one JDBC batch on a connection whose transaction the caller owns
     * (bulk jobs such as the sync engine commit their batches themselves); delivered only if that commits.
     */
    public static void emails(Connection c, String kind, String subject, String body, String aggregateType,
                              List<UUID> aggregateIds, List<String> recipients) throws SQLException {
        if (aggregateIds.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < aggregateIds.size(); i++) {
                ps.setObject(1, Ids.next());
                ps.setString(2, kind);
                ps.setString(3, recipients.get(i));
                ps.setString(4, subject);
                ps.setString(5, body);
                ps.setString(6, aggregateType);
                ps.setObject(7, aggregateIds.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
