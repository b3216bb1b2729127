package io.merchantdesk.kernel.outbox;

import io.merchantdesk.kernel.persistence.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
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

    /** One e-mail, in the caller's JTA transaction (the statement runs on the transaction's own connection). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID email(String kind, String recipient, String subject, String body, String aggregateType, UUID aggregateId) {
        return em.unwrap(Session.class).doReturningWork(c ->
                write(c, kind, subject, body, aggregateType, java.util.Collections.singletonList(aggregateId),
                        java.util.Collections.singletonList(recipient)).get(0));
    }

    /**
     * The same e-mail to several recipients, one JDBC batch on a connection whose transaction the caller owns
     * (bulk jobs such as the sync engine commit their batches themselves); delivered only if that commits.
     */
    public static void emails(Connection c, String kind, String subject, String body, String aggregateType,
                              List<UUID> aggregateIds, List<String> recipients) throws SQLException {
        write(c, kind, subject, body, aggregateType, aggregateIds, recipients);
    }

    /** The one writer of outbox rows: both entry points above end here. */
    private static List<UUID> write(Connection c, String kind, String subject, String body, String aggregateType,
                                    List<UUID> aggregateIds, List<String> recipients) throws SQLException {
        if (aggregateIds.isEmpty()) return List.of();
        List<UUID> ids = new java.util.ArrayList<>(aggregateIds.size());
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < aggregateIds.size(); i++) {
                UUID id = Ids.next();
                ids.add(id);
                ps.setObject(1, id);
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
        return ids;
    }
}
