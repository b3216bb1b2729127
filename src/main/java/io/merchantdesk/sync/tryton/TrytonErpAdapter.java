package io.merchantdesk.sync.tryton;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;

import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.ErpRejectedException;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.ErpUnavailableException;
import io.merchantdesk.sync.engine.Model.*;
import io.merchantdesk.sync.remote.ErpGuards;
import io.merchantdesk.sync.remote.ErpTarget;
import io.merchantdesk.sync.remote.SyncWritesRepository;
import io.merchantdesk.sync.tryton.TrytonRpc.Order;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.*;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tryton 6.0 behind the ERP port (issue 21): an ERP card is a {@code party.party} (mapping in {@link TrytonParty}),
 * merchantdesk's reference an untyped {@code party.identifier} {@code md:<reference>}, an imported order a draft
 * {@code sale.sale} ({@link TrytonSales}). A session is one {@link TrytonRpc}: it logs in on its first call and out on
 * close. Every method is a few list calls whatever the batch size ({@code in} domains chunked by
 * {@link TrytonParties#CHUNK}); every remote unit runs under the company's {@link ErpGuards} (retry, circuit breaker)
 * and is safe to repeat: a create looks its references up inside the guarded unit, so a retry after a lost answer
 * finds what the first attempt made.
 *
 * <p>Templates: merchantdesk keeps them for every kind ({@link ErpTarget#templates()}). On create, a template's
 * payment terms set the party's {@code customer_payment_term} (the payment term of that name, when account_invoice
 * is activated) and its code adds the {@code party.category} of that name when one exists. Posting groups, VAT
 * business posting group, tax area and prices including VAT have no counterpart on a Tryton party (taxes come from
 * products, accounts and tax rules there) and are not written.
 */
@ApplicationScoped
public class TrytonErpAdapter {
    private static final Logger LOG = Logger.getLogger(TrytonErpAdapter.class);
    /** Values per OR-list domain (e-mail ilike, country and post code pairs, tax id patterns). */
    private static final int OR_CHUNK = 100;
    /** The sequence of a ship-to address the sync creates: behind addresses a person ordered (Tryton sorts nulls first). */
    private static final int SHIP_TO_SEQUENCE = 1000;
    private static final java.util.regex.Pattern SHIP_TO_CODE = java.util.regex.Pattern.compile("MD[0-9A-Z]+");

    @Inject
    ErpGuards guards;

    @Inject
    SyncWritesRepository syncWrites;

    @ConfigProperty(name = "merchantdesk.sync.tryton.overlap", defaultValue = "PT10M")
    Duration overlap;

    @ConfigProperty(name = "merchantdesk.sync.erp.connect-timeout", defaultValue = "PT3S")
    Duration connectTimeout;

    @ConfigProperty(name = "merchantdesk.sync.erp.request-timeout", defaultValue = "PT60S")
    Duration requestTimeout;

    /**
     * One logged-in client per connection settings between sessions: Tryton's log-in verifies the password with a slow
     * hash (about a second), which would otherwise dominate an idle scheduled run. A client whose Tryton session expired
     * logs in again on its first refused call ({@link TrytonRpc}); a session takes the idle client or makes its own, so no
     * client is shared by two sessions at once.
     */
    private final Map<TrytonRpc.Settings, TrytonRpc> idle = new java.util.concurrent.ConcurrentHashMap<>();

    /** A session with the target's Tryton database; the caller closes it. */
    public ErpSession open(ErpTarget target) {
        TrytonRpc.Settings settings = new TrytonRpc.Settings(target.endpoint(), target.database(), target.login(), target.secret(),
                connectTimeout, requestTimeout);
        TrytonRpc rpc = idle.remove(settings);
        return new Session(target, rpc != null ? rpc : new TrytonRpc(settings));
    }

    private final class Session implements ErpSession {
        private final ErpTarget target;
        private final TrytonRpc rpc;
        private final TrytonParties parties;
        private final PartyValues values;

        Session(ErpTarget target, TrytonRpc rpc) {
            this.target = target;
            this.rpc = rpc;
            this.parties = new TrytonParties(rpc);
            this.values = new PartyValues(parties);
        }

        @Override
        public Map<String, ErpCard> byNumbers(Collection<String> customerNos) {
            Map<String, ErpCard> out = new HashMap<>();
            if (customerNos.isEmpty()) return out;
            for (TrytonParty p : guarded("read parties", () -> parties.byCodes(customerNos))) out.put(p.code(), p.card());
            return out;
        }

        @Override
        public Map<String, List<ErpCard>> byEmails(Collection<String> emailNorms) {
            Set<String> wanted = new HashSet<>(emailNorms);
            return byMechanism(wanted, chunk -> {
                List<Object> anyOf = new ArrayList<>(List.of("OR"));
                // Tryton keeps an e-mail as typed, blanks included: the pattern allows what surrounds the address, and
                // the key (Normalize.email of the value, trimmed and lower-cased) decides exactly (SYNC-5)
                for (String e : chunk) anyOf.add(clause("value", "ilike", "%" + TrytonParties.likeLiteral(e) + "%"));
                return List.of(clause("type", "=", "email"), anyOf);
            }, row -> Normalize.email((String) row.get("value")));
        }

        /**
         * Tryton cannot search an identifier by our key (it keeps what was typed, or python-stdnum's compact form with the
         * country prefix), so each key is searched as its characters in order with anything between and around them
         * ({@code %0%4%7%7%...%}: the noise {@link Normalize#taxId} drops, and the prefix), OR-ed per chunk; the parties
         * found are read once and kept exactly where the card's field has the key.
         */
        @Override
        public Map<String, List<ErpCard>> byTaxIds(TaxIdField field, Collection<String> taxIdNorms) {
            Set<String> keys = new HashSet<>(taxIdNorms);
            keys.remove(null);
            if (keys.isEmpty()) return new HashMap<>();
            return guarded("search identifiers", () -> {
                // the VAT number is a typed identifier (Tryton's tax identifier), the registration number an untyped one
                List<Object> kind = field == TaxIdField.VAT_REGISTRATION_NUMBER ? List.of(clause("type", "!=", null))
                        : List.of(clause("type", "=", null), clause("code", "not like", TrytonParties.REFERENCE_PREFIX + "%"));
                Set<Long> candidates = new TreeSet<>();
                for (List<String> chunk : chunks(new ArrayList<>(keys), OR_CHUNK)) {
                    List<Object> anyOf = new ArrayList<>(List.of("OR"));
                    for (String k : chunk) anyOf.add(clause("code", "ilike", scattered(k)));
                    List<Object> domain = new ArrayList<>(kind);
                    domain.add(anyOf);
                    for (Map<String, Object> row : rpc.searchRead("party.identifier", domain, 0, null, null, List.of("party", "code"))) {
                        if (keys.contains(Normalize.taxId((String) row.get("code")))) candidates.add(TrytonParties.id(row.get("party")));
                    }
                }
                Map<String, List<ErpCard>> out = new HashMap<>();
                for (TrytonParty p : parties.byIds(candidates)) {
                    ErpCard card = p.card();
                    String key = Normalize.taxId(card.data().taxId(field));
                    if (keys.contains(key)) out.computeIfAbsent(key, k -> new ArrayList<>()).add(card);
                }
                return out;
            });
        }

        @Override
        public Map<String, List<ShipTo>> shipTos(Collection<String> customerNos) {
            Map<String, List<ShipTo>> out = new HashMap<>();
            if (customerNos.isEmpty()) return out;
            guarded("read ship-to addresses", () -> parties.shipToAddresses(customerNos)).forEach((no, found) -> {
                if (!found.addresses().isEmpty()) out.put(no, found.addresses().stream().map(TrytonParty::shipTo).toList());
            });
            return out;
        }

        /**
         * Reads the cards' ship-to addresses, then at most one create, one write and one delete on {@code party.address}
         * for the whole batch, all inside one guarded unit (a retry after a lost answer reads what the first attempt did
         * and does only the rest). The party itself is not written: its stamp stays, so these writes are not changes
         * (SYNC-19; ship-to addresses do not count in the stamp, {@link TrytonParties#search}).
         */
        @Override
        public List<String> putShipTos(Map<String, List<ShipTo>> byCustomerNo) {
            if (byCustomerNo.isEmpty()) return List.of();
            byCustomerNo.values().stream().flatMap(List::stream).forEach(st -> {
                // the code is how the adapter finds its own addresses again ("[MD…]" in the name): no other shape round-trips
                if (st.code() == null || !SHIP_TO_CODE.matcher(st.code()).matches()) {
                    throw new IllegalArgumentException("not a merchantdesk ship-to code: " + st.code());
                }
            });
            return guarded("write ship-to addresses", () -> {
                Map<String, TrytonParties.ShipToAddresses> current = parties.shipToAddresses(byCustomerNo.keySet());
                values.prepareShipTos(byCustomerNo.values().stream().flatMap(List::stream).toList());
                List<Map<String, Object>> creates = new ArrayList<>();
                List<TrytonRpc.Write> writes = new ArrayList<>();
                List<Long> deletes = new ArrayList<>();
                Set<String> changed = new TreeSet<>();
                current.forEach((no, found) -> {
                    Map<String, ShipTo> wanted = new LinkedHashMap<>();
                    for (ShipTo st : byCustomerNo.get(no)) wanted.putIfAbsent(st.code(), st);
                    Set<String> kept = new HashSet<>();
                    for (TrytonParty.PartyAddress a : found.addresses()) {
                        String code = TrytonParty.shipToCode(a.name());
                        ShipTo st = wanted.get(code);
                        if (st == null || !kept.add(code)) { // no longer given, or a second address of one code
                            deletes.add(a.id());
                            changed.add(no);
                            continue;
                        }
                        Map<String, Object> v = PartyValues.shipToChanges(a, values.shipTo(st));
                        if (v.isEmpty()) continue;
                        writes.add(new TrytonRpc.Write(List.of(a.id()), v));
                        changed.add(no);
                    }
                    for (ShipTo st : wanted.values()) {
                        if (kept.contains(st.code())) continue;
                        Map<String, Object> v = values.shipTo(st);
                        v.put("party", found.partyId());
                        // after the party's own addresses in Tryton's order, so that Tryton's default address stays its own
                        v.put("sequence", SHIP_TO_SEQUENCE);
                        if (parties.hasField("party.address", "invoice")) v.put("invoice", false);
                        creates.add(v);
                        changed.add(no);
                    }
                });
                rpc.create("party.address", creates);
                rpc.write("party.address", writes);
                rpc.delete("party.address", deletes);
                return new ArrayList<>(changed);
            });
        }

        @Override
        public Map<String, List<ErpCard>> byPhones(Collection<String> phonesE164) {
            // python-phonenumbers fills value_compact in E.164, read with the party's address country like our key
            return byMechanism(new HashSet<>(phonesE164), chunk -> List.of(clause("type", "in", List.copyOf(TrytonParty.PHONE_TYPES)),
                    clause("value_compact", "in", chunk)), row -> (String) row.get("value_compact"));
        }

        /** Cards grouped by the key of their matching contact mechanisms: one search per chunk, then one read of the parties. */
        private Map<String, List<ErpCard>> byMechanism(Set<String> keys, Function<List<String>, List<?>> domain,
                                                      Function<Map<String, Object>, String> key) {
            Map<String, List<ErpCard>> out = new HashMap<>();
            keys.remove(null);
            if (keys.isEmpty()) return out;
            return guarded("search contact mechanisms", () -> {
                Map<String, Set<Long>> partiesByKey = new HashMap<>();
                for (List<String> chunk : chunks(new ArrayList<>(keys), OR_CHUNK)) {
                    for (Map<String, Object> row : rpc.searchRead("party.contact_mechanism", domain.apply(chunk), 0, null, null,
                            List.of("party", "value", "value_compact"))) {
                        String k = key.apply(row);
                        if (keys.contains(k)) partiesByKey.computeIfAbsent(k, x -> new TreeSet<>()).add(TrytonParties.id(row.get("party")));
                    }
                }
                Map<Long, TrytonParty> byId = new HashMap<>();
                for (TrytonParty p : parties.byIds(partiesByKey.values().stream().flatMap(Set::stream).toList())) byId.put(p.id(), p);
                Map<String, List<ErpCard>> result = new HashMap<>();
                partiesByKey.forEach((k, ids) -> ids.stream().map(byId::get).filter(Objects::nonNull)
                        .forEach(p -> result.computeIfAbsent(k, x -> new ArrayList<>()).add(p.card())));
                return result;
            });
        }

        @Override
        public List<ErpCard> byCountryAndPostCode(Collection<List<String>> countryPostCodes) {
            Set<List<String>> pairs = new HashSet<>(countryPostCodes);
            if (pairs.isEmpty()) return List.of();
            return guarded("search addresses", () -> {
                Set<Long> ids = new TreeSet<>();
                for (List<List<String>> chunk : chunks(new ArrayList<>(pairs), OR_CHUNK)) {
                    List<Object> anyOf = new ArrayList<>(List.of("OR"));
                    for (List<String> p : chunk) anyOf.add(List.of(clause("country.code", "=", p.get(0)), clause("postal_code", "=", p.get(1))));
                    for (Map<String, Object> row : rpc.searchRead("party.address", List.of(anyOf), 0, null, null, List.of("party"))) {
                        ids.add(TrytonParties.id(row.get("party")));
                    }
                }
                // the card's address is the invoice (else first) address: keep the parties whose card is in a pair
                return parties.byIds(ids).stream().map(TrytonParty::card)
                        .filter(c -> pairs.contains(Arrays.asList(c.data().countryCode(), c.data().postCode()))).toList();
            });
        }

        @Override
        public Map<String, Template> templates() {
            return target.templates() == null ? Map.of() : target.templates();
        }

        /** Per card, in order: its party and whether it existed; and the parties this call created. */
        private record Made(List<Long> partyIds, List<Boolean> existed, List<Long> created) {
        }

        @Override
        public List<Created> create(List<NewCard> cards) {
            if (cards.isEmpty()) return List.of();
            Made made = guarded("create parties", () -> {
                // inside the guarded unit: a retry after a lost answer finds the parties the first attempt made
                Map<String, Long> existing = parties.byReferences(cards.stream().map(NewCard::reference).toList());
                Map<String, Integer> firstOf = new HashMap<>();
                List<NewCard> toCreate = new ArrayList<>();
                Integer[] slot = new Integer[cards.size()]; // index into toCreate, or null when the party exists
                for (int i = 0; i < cards.size(); i++) {
                    String ref = cards.get(i).reference();
                    if (ref != null && (existing.containsKey(ref) || firstOf.containsKey(ref))) continue;
                    if (ref != null) firstOf.put(ref, i);
                    slot[i] = toCreate.size();
                    toCreate.add(cards.get(i));
                }
                values.prepare(toCreate.stream().map(NewCard::data).toList());
                List<Map<String, Object>> vlist = new ArrayList<>();
                for (NewCard n : toCreate) vlist.add(newParty(n));
                List<Long> ids = rpc.create("party.party", vlist);
                List<Long> partyIds = new ArrayList<>();
                List<Boolean> existed = new ArrayList<>();
                for (int i = 0; i < cards.size(); i++) {
                    String ref = cards.get(i).reference();
                    partyIds.add(slot[i] != null ? ids.get(slot[i]) : existing.containsKey(ref) ? existing.get(ref) : ids.get(slot[firstOf.get(ref)]));
                    existed.add(slot[i] == null);
                }
                return new Made(partyIds, existed, ids);
            });
            Map<Long, TrytonParty> read = readBack(made.created(), made.partyIds());
            List<Created> out = new ArrayList<>(cards.size());
            for (int i = 0; i < cards.size(); i++) {
                TrytonParty p = read.get(made.partyIds().get(i));
                if (p == null) { // archived or deleted in Tryton since it was made
                    throw new ErpRejectedException("Tryton party " + made.partyIds().get(i) + " of reference " + cards.get(i).reference()
                            + " is archived or gone; restore it in Tryton", null);
                }
                out.add(new Created(p.code(), made.existed().get(i)));
            }
            return out;
        }

        private Map<String, Object> newParty(NewCard n) {
            Map<String, Object> p = values.party(n.data());
            if (n.reference() != null) {
                Map<String, Object> identifier = new HashMap<>();
                identifier.put("type", null); // untyped: no check-digit validation by python-stdnum
                identifier.put("code", TrytonParties.REFERENCE_PREFIX + n.reference());
                @SuppressWarnings("unchecked") // next to the tax ids PartyValues may have put there
                List<Object> actions = (List<Object>) p.computeIfAbsent("identifiers", k -> new ArrayList<>());
                actions.add(List.of("create", List.of(identifier)));
            }
            Template t = n.template();
            if (t != null && t.code() != null) {
                Long category = parties.idsBy("party.category", "name", List.of(t.code())).get(t.code());
                if (category != null) p.put("categories", List.of(List.of("add", List.of(category))));
            }
            if (t != null && t.paymentTermsCode() != null && parties.hasField("party.party", "customer_payment_term")) {
                Long term = parties.idsBy("account.invoice.payment_term", "name", List.of(t.paymentTermsCode())).get(t.paymentTermsCode());
                if (term != null) p.put("customer_payment_term", term);
            }
            return p;
        }

        /**
         * Reads back the parties the sync wrote (their numbers and change stamps) and records the stamps (SYNC-19); the
         * others are only read. A person editing a party between the write and this read would have that edit taken for
         * the sync's own (a window of one call).
         */
        private Map<Long, TrytonParty> readBack(Collection<Long> written, Collection<Long> others) {
            Set<Long> ids = new LinkedHashSet<>(written);
            ids.addAll(others);
            Map<Long, TrytonParty> byId = new HashMap<>();
            if (ids.isEmpty()) return byId;
            for (TrytonParty p : guarded("read parties", () -> parties.byIds(ids))) byId.put(p.id(), p);
            Map<String, String> stamps = new HashMap<>();
            for (Long id : written) {
                TrytonParty p = byId.get(id);
                if (p != null && p.stamp() != null) stamps.put(p.code(), p.stampText());
            }
            syncWrites.record(target.companyId(), stamps);
            return byId;
        }

        @Override
        public List<String> update(Map<String, CardData> changes) {
            if (changes.isEmpty()) return List.of();
            Map<String, Long> written = guarded("update parties", () -> {
                List<TrytonParty> current = parties.byCodes(changes.keySet());
                values.prepare(current.stream().map(p -> p.data().mergedWith(changes.get(p.code()))).toList());
                List<TrytonRpc.Write> writes = new ArrayList<>();
                Map<String, Long> updated = new LinkedHashMap<>();
                for (TrytonParty p : current) {
                    Map<String, Object> v = values.changes(p, changes.get(p.code()));
                    if (v.isEmpty()) continue; // SYNC-9/12: only real changes are written
                    writes.add(new TrytonRpc.Write(List.of(p.id()), v));
                    updated.put(p.code(), p.id());
                }
                rpc.write("party.party", writes); // one call, one transaction: alternating id lists and values
                return updated;
            });
            readBack(written.values(), List.of());
            return new ArrayList<>(written.keySet());
        }

        @Override
        public Map<String, String> placeOrders(List<NewOrder> orders) {
            if (orders.isEmpty()) return Map.of();
            return guarded("place sales", () -> new TrytonSales(rpc, parties).place(orders));
        }

        @Override
        public ChangePage changes(String cursorText, int limit) {
            return guarded("read changed parties", () -> {
                TrytonChangeCursor cursor = TrytonChangeCursor.parse(cursorText);
                if (cursor.after == 0 && cursor.began == null) cursor.began = LocalDateTime.now(java.time.ZoneOffset.UTC); // a scan starts
                while (true) {
                    Candidates next = candidates(cursor.from, cursor.after, limit);
                    // only what the cursor has not seen at its current stamp is read in full: an idle scan over the
                    // overlap window costs the candidate searches alone
                    List<Long> unseen = next.ids().stream().filter(id -> {
                        LocalDateTime stamp = next.stamps().get(id);
                        return stamp == null || !cursor.seen(id, stamp);
                    }).toList();
                    List<TrytonParty> found = parties.byIds(unseen);
                    Map<String, String> ours = syncWrites.stamps(target.companyId(), found.stream().map(TrytonParty::code).toList());
                    List<ErpCard> cards = new ArrayList<>();
                    for (TrytonParty p : found) {
                        if (p.stamp() == null || cursor.seen(p.id(), p.stamp())) continue; // delivered before, unchanged since
                        cursor.delivered(p.id(), p.stamp()); // delivered now, or the sync's own write: not read again unchanged
                        if (p.stampText().equals(ours.get(p.code()))) continue; // SYNC-19: the sync's own write
                        cards.add(p.card());
                    }
                    cursor.prune(overlap);
                    if (next.last()) return new ChangePage(cards, cursor.nextScan(overlap).encode(), true);
                    cursor.after = next.after();
                    if (!cards.isEmpty()) return new ChangePage(cards, cursor.encode(), false); // the engine ends on an empty page
                }
            });
        }

        /** Party ids in order; {@code stamps}: each one's latest modification among the rows found (null in a full scan). */
        private record Candidates(List<Long> ids, Map<Long, LocalDateTime> stamps, long after, boolean last) {
        }

        /**
         * The next party ids after {@code after} whose party, contact mechanism or address was modified at or after
         * {@code from} (every party when null), at most {@code limit}: the three id-ordered searches merged up to the
         * smallest last id of those that were cut by the limit. The time condition stays fixed for the whole scan, so
         * the keyset is stable while parties change: a party written meanwhile comes back in the next scan.
         */
        private Candidates candidates(LocalDateTime from, long after, int limit) {
            if (from == null) {
                List<Long> ids = rpc.search("party.party", List.of(clause("id", ">", after)), 0, limit, List.of(Order.asc("id")));
                return new Candidates(ids, Map.of(), ids.isEmpty() ? after : ids.get(ids.size() - 1), ids.size() < limit);
            }
            // coalesce(write_date, create_date) >= from, as write_date >= create_date once set. The rows found carry their
            // stamps: a party's latest is among them, since every row of it not found is older than from.
            List<Object> since = List.of("OR", clause("write_date", ">=", from), clause("create_date", ">=", from));
            TreeSet<Long> union = new TreeSet<>();
            Map<Long, LocalDateTime> stamps = new HashMap<>();
            long bound = Long.MAX_VALUE;
            List<Map<String, Object>> direct = rpc.searchRead("party.party", List.of(since, clause("id", ">", after)), 0, limit,
                    List.of(Order.asc("id")), List.of("write_date", "create_date"));
            for (Map<String, Object> r : direct) {
                union.add(TrytonParties.id(r.get("id")));
                stamps.merge(TrytonParties.id(r.get("id")), TrytonParties.modified(r), TrytonParties::later);
            }
            if (direct.size() == limit) bound = TrytonParties.id(direct.get(limit - 1).get("id"));
            // the children that make up the card (the sync's ship-to addresses do not, TrytonParties.search)
            Map<String, List<?>> children = new LinkedHashMap<>();
            children.put("party.contact_mechanism", List.of());
            children.put("party.address", List.of(TrytonParties.NOT_SHIP_TO_NAME));
            children.put("party.identifier", List.of());
            for (Map.Entry<String, List<?>> child : children.entrySet()) {
                List<Object> domain = new ArrayList<>(List.of(since, clause("party", ">", after)));
                domain.addAll(child.getValue());
                List<Map<String, Object>> rows = rpc.searchRead(child.getKey(), domain, 0, limit,
                        List.of(Order.asc("party.id")), List.of("party", "write_date", "create_date"));
                for (Map<String, Object> r : rows) {
                    union.add(TrytonParties.id(r.get("party")));
                    stamps.merge(TrytonParties.id(r.get("party")), TrytonParties.modified(r), TrytonParties::later);
                }
                if (rows.size() == limit) bound = Math.min(bound, TrytonParties.id(rows.get(limit - 1).get("party")));
            }
            List<Long> ids = new ArrayList<>(union.headSet(bound, true));
            if (ids.size() > limit) {
                ids = ids.subList(0, limit);
                return new Candidates(ids, stamps, ids.get(limit - 1), false);
            }
            if (bound == Long.MAX_VALUE) return new Candidates(ids, stamps, ids.isEmpty() ? after : ids.get(ids.size() - 1), true);
            return new Candidates(ids, stamps, bound, false);
        }

        /** Runs a remote unit under the company's guard, Tryton's failures as the port's. */
        private <T> T guarded(String what, Supplier<T> call) {
            return guards.call(target.companyId(), () -> {
                try {
                    return call.get();
                } catch (TrytonUnavailableException e) {
                    throw new ErpUnavailableException("Tryton at " + target.endpoint() + " is unavailable (" + what + "): "
                            + scrub(e.getMessage()), e.maybeApplied(), e);
                } catch (TrytonAuthException e) {
                    throw new ErpRejectedException(e.httpStatus() == 404
                            ? "Tryton has no database " + target.database() + " at " + target.endpoint()
                            : "Tryton refused the log-in of " + target.login() + " to database " + target.database()
                            + " (wrong login or password; check the ERP company)", e);
                } catch (TrytonErrorException e) {
                    throw new ErpRejectedException("Tryton refused to " + what + " (" + e.kind() + "): " + scrub(e.trytonMessage()), e);
                }
            });
        }

        private String scrub(String text) {
            String secret = target.secret();
            return text == null || secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
        }

        @Override
        public void close() {
            if (idle.putIfAbsent(rpc.settings(), rpc) == null) return; // kept logged in for the next session
            try {
                rpc.logout();
            } catch (RuntimeException e) {
                LOG.debugf("Tryton log-out of %s failed: %s", target, e.getClass().getSimpleName());
            }
        }
    }

    /** An ilike pattern of a tax id key: its characters in order, anything between and around them. */
    static String scattered(String key) {
        StringBuilder s = new StringBuilder("%");
        for (int i = 0; i < key.length(); i++) s.append(TrytonParties.likeLiteral(String.valueOf(key.charAt(i)))).append('%');
        return s.toString();
    }

    private static <T> List<List<T>> chunks(List<T> values, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i += size) out.add(values.subList(i, Math.min(values.size(), i + size)));
        return out;
    }
}
