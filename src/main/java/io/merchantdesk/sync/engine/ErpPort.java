package io.merchantdesk.sync.engine;

import io.merchantdesk.sync.engine.Model.*;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ERP side of the sync. The built-in register implements it with set-based SQL on the run's
 * connection; a remote ERP adapter (an OData API, say) would ignore the connection and batch HTTP calls.
 * Every method works on a whole batch so that no implementation is pushed into per-record round trips.
 */
public interface ErpPort {
    Map<String, ErpCard> byNumbers(Connection c, UUID company, Collection<String> customerNos) throws SQLException;

    Map<String, List<ErpCard>> byEmails(Connection c, UUID company, Collection<String> emailNorms) throws SQLException;

    Map<String, List<ErpCard>> byPhones(Connection c, UUID company, Collection<String> phonesE164) throws SQLException;

    /** Cards in the given (countryCode, postCode) pairs: the candidates of a bill-to match. */
    List<ErpCard> byCountryAndPostCode(Connection c, UUID company, Collection<List<String>> countryPostCodes) throws SQLException;

    Map<String, Template> templates(Connection c, UUID company) throws SQLException;

    /** Creates the cards with numbers from the series, stamped as written by the sync; returns their numbers in order. */
    List<String> create(Connection c, UUID company, List<NewCard> cards) throws SQLException;

    /** Writes the mapped fields where they really changed (stamped as written by the sync); returns the numbers updated. */
    List<String> update(Connection c, UUID company, Map<String, CardData> changes) throws SQLException;

    /**
     * Cards whose last change is visible in {@code snapshotTo} and was not in {@code snapshotFrom} (null: every card), not
     * written by the sync itself (SYNC-19), keyset after (afterXid, afterId). Snapshots are PostgreSQL {@code pg_snapshot} texts.
     */
    List<ErpCard> changedSince(Connection c, UUID company, String snapshotFrom, String snapshotTo, String afterXid, UUID afterId, int limit)
            throws SQLException;
}
