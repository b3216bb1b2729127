package io.merchantdesk.sync.engine;

import io.merchantdesk.sync.engine.Model.*;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ERP side of the sync. The built-in register implements it with set-based SQL on the batch's
 * connection ({@link Batch#jdbc}); a remote ERP adapter (an OData API, say) would ignore it and batch HTTP calls.
 * Every method works on a whole batch so that no implementation is pushed into per-record round trips.
 */
public interface ErpPort {
    Map<String, ErpCard> byNumbers(Batch b, UUID company, Collection<String> customerNos);

    Map<String, List<ErpCard>> byEmails(Batch b, UUID company, Collection<String> emailNorms);

    Map<String, List<ErpCard>> byPhones(Batch b, UUID company, Collection<String> phonesE164);

    /** Cards in the given (countryCode, postCode) pairs: the candidates of a bill-to match. */
    List<ErpCard> byCountryAndPostCode(Batch b, UUID company, Collection<List<String>> countryPostCodes);

    Map<String, Template> templates(Batch b, UUID company);

    /** Creates the cards with numbers from the series, stamped as written by the sync; returns their numbers in order. */
    List<String> create(Batch b, UUID company, List<NewCard> cards);

    /** Writes the mapped fields where they really changed (stamped as written by the sync); returns the numbers updated. */
    List<String> update(Batch b, UUID company, Map<String, CardData> changes);

    /**
     * Cards whose last change is visible in {@code snapshotTo} and was not in {@code snapshotFrom} (null: every card), not
     * written by the sync itself (SYNC-19), keyset after (afterXid, afterId). Snapshots are PostgreSQL {@code pg_snapshot} texts.
     */
    List<ErpCard> changedSince(Batch b, UUID company, String snapshotFrom, String snapshotTo, String afterXid, UUID afterId, int limit);
}
