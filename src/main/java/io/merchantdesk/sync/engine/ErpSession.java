package io.merchantdesk.sync.engine;

import io.merchantdesk.sync.engine.Model.*;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One conversation with an ERP company's system: the built-in register (its own database connection) or a remote ERP
 * (its login or token, its HTTP transport). The engine opens one per run (or per manual link) through {@link ErpPort}
 * and closes it at the end. Every method works on a whole batch, so that no adapter is pushed into per-record round
 * trips; every write is committed in the ERP when the method returns (the store side commits after it, and a crash
 * between the two is repaired by the rerun through the cards' references).
 *
 * <p>Failures: an ERP that cannot be reached, times out, answers 5xx or throttles beyond the adapter's retries throws
 * {@link ErpUnavailableException}; the batch then becomes pending work with reason {@code ERP_UNAVAILABLE}.
 */
public interface ErpSession extends AutoCloseable {
    /** Cards by customer number; numbers that do not exist are absent from the map. */
    Map<String, ErpCard> byNumbers(Collection<String> customerNos);

    /** Cards by lower-cased e-mail ({@link io.merchantdesk.sync.Normalize#email}), exact. */
    Map<String, List<ErpCard>> byEmails(Collection<String> emailNorms);

    /** Cards by E.164 phone ({@link io.merchantdesk.kernel.contact.Phones#e164} of the card's phone and country), exact. */
    Map<String, List<ErpCard>> byPhones(Collection<String> phonesE164);

    /**
     * Cards by tax id (SYNC-21): the cards whose {@code field} normalised by {@link io.merchantdesk.sync.Normalize#taxId}
     * is one of {@code taxIdNorms}, by that key. An adapter that cannot search its ERP by the normalised value searches by
     * what the ERP can (say, the key's digits as a suffix) and keeps the cards whose normalised value matches.
     */
    Map<String, List<ErpCard>> byTaxIds(TaxIdField field, Collection<String> taxIdNorms);

    /** merchantdesk's ship-to addresses (code starting "MD") of the cards, by customer number; cards without any are absent. */
    Map<String, List<ShipTo>> shipTos(Collection<String> customerNos);

    /**
     * Makes each card's merchantdesk ship-to addresses exactly the given ones, matched by {@link ShipTo#code}: missing ones
     * are added, changed ones written, those no longer given removed; ship-to addresses a person made (other codes) stay.
     * Idempotent, so a replay after a lost answer changes nothing. Returns the customer numbers whose addresses changed.
     * Only called where {@link ErpFeatures#shipToAddresses()} holds.
     */
    List<String> putShipTos(Map<String, List<ShipTo>> byCustomerNo);

    /** Cards in the given (countryCode, postCode) pairs: the candidates of a bill-to match. */
    List<ErpCard> byCountryAndPostCode(Collection<List<String>> countryPostCodes);

    /** The connector's customer templates by code (SYNC-7), with what each misses. */
    Map<String, Template> templates();

    /**
     * Creates the cards, each carrying its {@link NewCard#reference} (merchantdesk's id of what it was made from), with
     * numbers from the ERP's series. Exactly once: a card whose reference already exists in the ERP (a create whose
     * answer was lost, replayed by the rerun) is not created again but answered as {@link Created#existed()}.
     * Returns one entry per card, in order.
     */
    List<Created> create(List<NewCard> cards);

    /**
     * Writes the mapped fields where they really changed (a field the store leaves empty keeps the card's value);
     * returns the numbers updated. The sync's own writes are not reported by {@link #changes} (SYNC-19).
     */
    List<String> update(Map<String, CardData> changes);

    /**
     * Places the orders in the ERP (a draft sales document of the chosen customer), exactly once by
     * {@link NewOrder#reference}; returns the ERP's document number by reference (an order placed before is answered
     * with its existing document). The built-in register keeps its orders in the sync's erp_orders and answers null.
     */
    Map<String, String> placeOrders(List<NewOrder> orders);

    /**
     * The next page of cards changed in the ERP after {@code cursor} (null: every card), not written by the sync itself
     * (SYNC-19). The cursor is opaque to the engine, which stores the answer's cursor with each batch (a resumed run
     * goes on from there) and, after the last page, as the next run's start. A card is delivered once per change: a
     * change committed out of order is neither lost nor delivered twice. A page without cards ends the walk (the engine
     * stops there), so it must be the last: an adapter that drops cards it delivered before scans on until it has some.
     */
    ChangePage changes(String cursor, int limit);

    /** Ends the conversation (logs out, returns the connection); never throws. */
    @Override
    void close();
}
