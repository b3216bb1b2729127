package io.merchantdesk.sync.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient.Create;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient.CustomerPage;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient.Insert;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient.Update;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient.Write;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient.WriteResult;
import io.merchantdesk.sync.engine.ErpRejectedException;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.ErpUnavailableException;
import io.merchantdesk.sync.engine.Model.*;
import io.merchantdesk.sync.remote.ErpGuards;
import io.merchantdesk.sync.remote.ErpTarget;
import io.merchantdesk.sync.remote.SyncWritesRepository;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.*;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One conversation with a Business Central company (see {@link BusinessCentralErpAdapter}). Every method works on the
 * whole batch: lookups as {@code in}/{@code or} filters of {@link BusinessCentralClient#LOOKUP_CHUNK} values, writes
 * as {@code $batch} requests of at most {@link BusinessCentralClient#MAX_BATCH}. Every remote call runs under the
 * company's guard (retries with back-off, circuit breaker); a guarded write is safe to repeat because a repeat first
 * looks up by merchantdesk's reference what the lost attempt may have done.
 */
final class BusinessCentralSession implements ErpSession {
    private static final String ZERO_GUID = "00000000-0000-0000-0000-000000000000";
    private static final int LINE_STEP = 10_000; // BC's own line numbering
    private static final int DESCRIPTION = 100;  // Sales Line.Description is Text[100]

    private final UUID companyId;
    private final BusinessCentralClient client;
    private final ErpGuards guards;
    private final SyncWritesRepository syncWrites;
    private final Map<String, Template> templates;
    private final Duration overlap;
    private final Duration maxRetryAfter;
    private volatile Instant notBefore;
    private Map<String, TaxArea> taxAreasById;
    private Map<String, String> paymentTermsByCode;
    private String localCurrency;

    private record TaxArea(String id, String code, String taxType) {
        boolean vat() {
            return "VAT".equalsIgnoreCase(taxType);
        }
    }

    BusinessCentralSession(ErpTarget target, BusinessCentralClient client, ErpGuards guards, SyncWritesRepository syncWrites,
                           Duration overlap, Duration maxRetryAfter) {
        this.companyId = target.companyId();
        this.client = client;
        this.guards = guards;
        this.syncWrites = syncWrites;
        this.templates = target.templates() == null ? Map.of() : target.templates();
        this.overlap = overlap;
        this.maxRetryAfter = maxRetryAfter;
    }

    // ------------------------------------------------------------------ faults

    /**
     * Runs one remote step under the company's guard. BC's "come back later" becomes {@link ErpUnavailableException}
     * (retried by the guard, after BC's Retry-After); a refusal (credentials, permissions, a 4xx) becomes
     * {@link ErpRejectedException}, whose message names the request and BC's error, never the secret.
     */
    private <T> T call(Supplier<T> step) {
        return guards.call(companyId, () -> {
            pause();
            try {
                return step.get();
            } catch (BusinessCentralUnavailableException e) {
                e.retryAfter().ifPresent(d -> notBefore = Instant.now().plus(d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d));
                throw new ErpUnavailableException("Business Central is unavailable: " + e.getMessage(), e.maybeApplied(), e);
            } catch (BusinessCentralAuthException e) {
                throw new ErpRejectedException("Business Central refused the connection's app registration (check the client id and "
                        + "secret, and that the app is registered in Business Central with permissions): " + e.getMessage(), e);
            } catch (BusinessCentralException e) {
                throw new ErpRejectedException("Business Central refused " + e.getMessage(), e);
            }
        });
    }

    /** Honours the latest Retry-After before the next request (a guard's retry included). */
    private void pause() {
        Instant until = notBefore;
        if (until == null) return;
        long millis = Duration.between(Instant.now(), until).toMillis();
        if (millis <= 0) return;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErpUnavailableException("interrupted while waiting for Business Central's Retry-After", false, e);
        }
    }

    /** One guarded step of a batched write; {@code retry}: an earlier attempt of this step may have run. */
    private interface Step<K> {
        void run(List<K> chunk, boolean retry);
    }

    /** Runs {@code step} on each chunk of at most {@link BusinessCentralClient#MAX_BATCH} keys, each chunk under the guard. */
    private <K> void inChunks(List<K> keys, Step<K> step) {
        for (int from = 0; from < keys.size(); from += BusinessCentralClient.MAX_BATCH) {
            List<K> chunk = keys.subList(from, Math.min(keys.size(), from + BusinessCentralClient.MAX_BATCH));
            AtomicInteger attempts = new AtomicInteger();
            call(() -> {
                step.run(chunk, attempts.incrementAndGet() > 1);
                return null;
            });
        }
    }

    /**
     * Sends one $batch: each 2xx goes to {@code ok}, each 412 to {@code conflict} (null: refused), each other 4xx into {@code refused}
     * (key → status, BC's code and message). A request BC could not carry out (429/5xx inside the batch) fails the step
     * afterwards, so that the guard retries it (429/503 were refused before running, anything else may have run).
     */
    private void send(List<? extends Write> writes, java.util.function.Consumer<WriteResult> ok,
                      java.util.function.Consumer<WriteResult> conflict, Map<String, String> refused) {
        WriteResult later = null;
        for (WriteResult r : client.writeBatch(writes)) {
            switch (r.outcome()) {
                case OK -> ok.accept(r);
                case CONCURRENCY -> {
                    if (conflict != null) conflict.accept(r);
                    else refused.put(r.key(), r.status() + " " + r.code() + ": " + r.message());
                }
                case UNAVAILABLE -> later = later == null ? r : later;
                case ERROR -> refused.put(r.key(), r.status() + " " + r.code() + ": " + r.message());
            }
        }
        if (later != null) {
            throw new ErpUnavailableException("Business Central could not carry out a request of the $batch (" + later.status() + " "
                    + later.code() + ": " + later.message() + ")", later.status() != 429 && later.status() != 503, null);
        }
    }



    // ------------------------------------------------------------------ reads

    @Override
    public Map<String, ErpCard> byNumbers(Collection<String> customerNos) {
        Map<String, ErpCard> out = new HashMap<>();
        if (customerNos.isEmpty()) return out;
        for (ErpCard card : cards(call(() -> client.customersByNumbers(customerNos)))) out.put(card.customerNo(), card);
        return out;
    }

    @Override
    public Map<String, List<ErpCard>> byEmails(Collection<String> emailNorms) {
        if (emailNorms.isEmpty()) return new HashMap<>();
        // BC's default collation compares case-insensitively; the keys are checked exactly here
        return grouped(cards(call(() -> client.customersByEmails(emailNorms))), ErpCard::emailNorm, new HashSet<>(emailNorms));
    }

    /**
     * SYNC-21 on taxRegistrationNumber, the only tax field of API v2.0's customer (a registration number has none: the
     * settings refuse that field on BC, and it finds nothing). BC keeps the id as typed, with spaces, dots and a country
     * prefix anywhere, and cannot filter by a normalised value: the keys' typed ends ({@link BusinessCentralCards#taxIdTails})
     * go out as {@code endswith} conditions, 40 to a request, and only the cards whose id normalises to a key are kept.
     */
    @Override
    public Map<String, List<ErpCard>> byTaxIds(TaxIdField field, Collection<String> taxIdNorms) {
        if (field != TaxIdField.VAT_REGISTRATION_NUMBER) return new HashMap<>();
        Set<String> wanted = new HashSet<>();
        Set<String> tails = new LinkedHashSet<>();
        for (String key : taxIdNorms) {
            if (key == null || key.isEmpty()) continue;
            wanted.add(key);
            tails.addAll(BusinessCentralCards.taxIdTails(key));
        }
        if (tails.isEmpty()) return new HashMap<>();
        Map<String, BusinessCentralCustomer> found = new LinkedHashMap<>(); // a customer once, whichever condition found it
        for (JsonNode n : call(() -> client.endingWith("customers", "taxRegistrationNumber", tails))) {
            BusinessCentralCustomer c = BusinessCentralCustomer.fromJson(n);
            found.putIfAbsent(c.number(), c);
        }
        return grouped(cards(new ArrayList<>(found.values())), c -> Normalize.taxId(c.data().vatRegistrationNo()), wanted);
    }

    /** API v2.0 has no ship-to address entity (ErpFeatures.BUSINESS_CENTRAL): a card has none the sync could see. */
    @Override
    public Map<String, List<io.merchantdesk.sync.engine.Model.ShipTo>> shipTos(Collection<String> customerNos) {
        return new HashMap<>();
    }

    /** Never called: the settings refuse companyLocationsAs SHIP_TO_ADDRESSES on Business Central (ErpFeatures). */
    @Override
    public List<String> putShipTos(Map<String, List<io.merchantdesk.sync.engine.Model.ShipTo>> byCustomerNo) {
        throw new UnsupportedOperationException("Business Central's API v2.0 has no ship-to addresses");
    }

    @Override
    public Map<String, List<ErpCard>> byPhones(Collection<String> phonesE164) {
        if (phonesE164.isEmpty()) return new HashMap<>();
        Set<String> spellings = new LinkedHashSet<>();
        for (String key : phonesE164) spellings.addAll(BusinessCentralCards.spellings(key));
        List<JsonNode> found = call(() -> client.lookup("customers", "phoneNumber", spellings));
        return grouped(cards(found.stream().map(BusinessCentralCustomer::fromJson).toList()), ErpCard::phoneE164, new HashSet<>(phonesE164));
    }

    @Override
    public List<ErpCard> byCountryAndPostCode(Collection<List<String>> countryPostCodes) {
        Map<String, Set<String>> byCountry = new TreeMap<>();
        for (List<String> pair : countryPostCodes) {
            if (pair.get(0) != null && pair.get(1) != null) byCountry.computeIfAbsent(pair.get(0), k -> new TreeSet<>()).add(pair.get(1));
        }
        List<BusinessCentralCustomer> found = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : byCountry.entrySet()) {
            List<String> posts = new ArrayList<>(e.getValue());
            for (int from = 0; from < posts.size(); from += BusinessCentralClient.LOOKUP_CHUNK) {
                String filter = "country eq " + BusinessCentralClient.literal(e.getKey()) + " and "
                        + client.anyOf("postalCode", posts.subList(from, Math.min(posts.size(), from + BusinessCentralClient.LOOKUP_CHUNK)));
                found.addAll(call(() -> client.customersWhere(filter)));
            }
        }
        Set<List<String>> wanted = new HashSet<>(countryPostCodes);
        return cards(found).stream().filter(c -> wanted.contains(Arrays.asList(c.data().countryCode(), c.data().postCode()))).toList();
    }

    private static Map<String, List<ErpCard>> grouped(List<ErpCard> cards, java.util.function.Function<ErpCard, String> key, Set<String> wanted) {
        Map<String, List<ErpCard>> out = new HashMap<>();
        for (ErpCard c : cards) {
            String k = key.apply(c);
            if (k != null && wanted.contains(k)) out.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
        }
        return out;
    }

    /** Cards of customers; the tax area (VAT business posting group or US tax area, by its taxType) is read once per session. */
    private List<ErpCard> cards(List<BusinessCentralCustomer> customers) {
        boolean taxed = customers.stream().anyMatch(c -> isSet(c.taxAreaId()));
        Map<String, TaxArea> areas = taxed ? taxAreas() : Map.of();
        List<ErpCard> out = new ArrayList<>(customers.size());
        for (BusinessCentralCustomer c : customers) {
            TaxArea area = isSet(c.taxAreaId()) ? areas.get(c.taxAreaId().toLowerCase(Locale.ROOT)) : null;
            out.add(ErpCard.of(c.number(), BusinessCentralCards.data(c), false, area != null && area.vat() ? area.code() : null,
                    area != null && !area.vat() ? area.code() : null, c.lastModifiedDateTime()));
        }
        return out;
    }

    private static boolean isSet(String guid) {
        return guid != null && !guid.isBlank() && !guid.equals(ZERO_GUID);
    }

    private synchronized Map<String, TaxArea> taxAreas() {
        if (taxAreasById == null) {
            Map<String, TaxArea> m = new HashMap<>();
            for (JsonNode n : call(() -> client.list("taxAreas", null))) {
                TaxArea a = new TaxArea(n.path("id").asText(), n.path("code").asText(), n.path("taxType").asText(""));
                m.put(a.id().toLowerCase(Locale.ROOT), a);
            }
            taxAreasById = m;
        }
        return taxAreasById;
    }

    private synchronized Map<String, String> paymentTerms() {
        if (paymentTermsByCode == null) {
            Map<String, String> m = new HashMap<>();
            for (JsonNode n : call(() -> client.list("paymentTerms", null))) m.put(n.path("code").asText().toUpperCase(Locale.ROOT), n.path("id").asText());
            paymentTermsByCode = m;
        }
        return paymentTermsByCode;
    }

    /** The company's local currency (companyInformation.currencyCode): a document in it carries no currency code in BC. */
    private synchronized String localCurrency() {
        if (localCurrency == null) {
            List<JsonNode> info = call(() -> client.list("companyInformation", null));
            localCurrency = info.isEmpty() ? "" : info.get(0).path("currencyCode").asText("");
        }
        return localCurrency;
    }

    @Override
    public Map<String, Template> templates() {
        return templates;
    }

    // ------------------------------------------------------------------ creates

    /**
     * Exactly once by reference: each card's number is {@link BusinessCentralReference#number(String)} of its reference
     * (BC's primary key), so one lookup of the batch's numbers finds what exists; only the rest is posted, in $batch
     * requests. A guarded retry of a $batch whose answer was lost looks its numbers up again first; a card found then
     * was made by this call ({@code existed} false). A create BC refuses is looked up once more: found, it was made
     * meanwhile by someone else (existed); not found, BC refused it and the batch is rejected after the others are made.
     */
    @Override
    public List<Created> create(List<NewCard> cards) {
        if (cards.isEmpty()) return List.of();
        Map<String, NewCard> byNumber = new LinkedHashMap<>();
        List<String> numbers = new ArrayList<>(cards.size());
        for (NewCard card : cards) {
            String no = card.reference() == null ? null : BusinessCentralReference.number(card.reference());
            numbers.add(no);
            if (no != null) byNumber.putIfAbsent(no, card);
        }
        Set<String> existed = new HashSet<>();
        for (BusinessCentralCustomer c : call(() -> client.customersByNumbers(byNumber.keySet()))) existed.add(c.number().toUpperCase(Locale.ROOT));
        List<String> missing = byNumber.keySet().stream().filter(no -> !existed.contains(no)).toList();
        Map<String, Map<String, Object>> values = new LinkedHashMap<>();
        for (String no : missing) values.put(no, newCustomer(no, byNumber.get(no)));

        Map<String, String> made = new LinkedHashMap<>(); // number → etag of our write (SYNC-19)
        Map<String, String> refused = new LinkedHashMap<>();
        inChunks(missing, (chunk, retry) -> {
            List<String> todo = new ArrayList<>(chunk);
            todo.removeAll(made.keySet());
            if (retry) { // the earlier attempt may have run: what it made is ours
                for (BusinessCentralCustomer c : client.customersByNumbers(todo)) made.put(c.number().toUpperCase(Locale.ROOT), c.etag());
                todo.removeAll(made.keySet());
            }
            send(todo.stream().map(no -> new Create(no, values.get(no))).toList(),
                    r -> made.put(r.key(), r.customer() == null ? null : r.customer().etag()), null, refused);
        });
        if (!refused.isEmpty()) {
            for (BusinessCentralCustomer c : call(() -> client.customersByNumbers(refused.keySet()))) {
                String no = c.number().toUpperCase(Locale.ROOT);
                if (refused.remove(no) != null) existed.add(no);
            }
        }
        record(made);
        if (!refused.isEmpty()) {
            StringBuilder m = new StringBuilder("Business Central refused " + refused.size() + " of " + missing.size() + " new customers:");
            refused.forEach((no, why) -> m.append(' ').append(byNumber.get(no).reference()).append(" (").append(no).append("): ").append(why).append(';'));
            throw new ErpRejectedException(m.toString(), null);
        }
        List<Created> out = new ArrayList<>(cards.size());
        for (int i = 0; i < cards.size(); i++) {
            String no = numbers.get(i);
            if (no == null) throw new IllegalArgumentException("a card for Business Central needs merchantdesk's reference");
            out.add(new Created(no, existed.contains(no) && !made.containsKey(no)));
        }
        return out;
    }

    /** The new customer's properties: its number, the mapped fields, and what of the template API v2.0 can carry. */
    private Map<String, Object> newCustomer(String number, NewCard card) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("number", number);
        v.putAll(BusinessCentralCards.values(card.data()));
        Template t = card.template();
        String terms = t == null ? null : t.paymentTermsCode();
        if (terms != null) {
            String id = paymentTerms().get(terms.toUpperCase(Locale.ROOT));
            if (id == null) throw new ErpRejectedException("SYNC-7: template " + t.code() + " names payment terms " + terms
                    + ", which Business Central does not have (paymentTerms)", null);
            v.put("paymentTermsId", id);
        }
        String taxArea = card.taxAreaOverride() != null ? card.taxAreaOverride() : t == null ? null : t.taxAreaCode();
        String vatGroup = card.vatBusOverride() != null ? card.vatBusOverride() : t == null ? null : t.vatBusPostingGroup();
        String code = taxArea != null ? taxArea : vatGroup;
        if (code != null) {
            TaxArea area = taxAreas().values().stream().filter(a -> a.code().equalsIgnoreCase(code)).findFirst().orElse(null);
            if (area == null) throw new ErpRejectedException("SYNC-10: " + (taxArea != null ? "tax area " : "VAT business posting group ") + code
                    + " is not among Business Central's taxAreas", null);
            v.put("taxAreaId", area.id());
        }
        return v;
    }

    private void record(Map<String, String> stamps) {
        Map<String, String> known = new LinkedHashMap<>();
        stamps.forEach((no, etag) -> {
            if (etag != null) known.put(no, etag);
        });
        syncWrites.record(companyId, known);
    }

    // ------------------------------------------------------------------ updates

    /**
     * PATCH with If-Match of only the properties that really change (merge: a field the store leaves empty keeps the
     * card's value). A 412 (someone changed the customer in BC since it was read) re-reads it and decides again, at most
     * three rounds. A guarded retry after a lost answer re-reads too: a customer that then needs nothing was written by
     * the lost attempt and counts as updated.
     */
    @Override
    public List<String> update(Map<String, CardData> changes) {
        if (changes.isEmpty()) return List.of();
        Map<String, BusinessCentralCustomer> current = new HashMap<>();
        for (BusinessCentralCustomer c : call(() -> client.customersByNumbers(changes.keySet()))) current.put(c.number(), c);
        Map<String, String> written = new LinkedHashMap<>(); // number → etag of our write
        Set<String> attempted = new HashSet<>();
        Map<String, String> refused = new LinkedHashMap<>();
        List<String> pending = changes.keySet().stream().filter(current::containsKey).toList();
        for (int round = 0; round < 3 && !pending.isEmpty(); round++) {
            List<String> conflicts = new ArrayList<>();
            boolean reread = round > 0; // the conflicts of the last round are read again
            inChunks(pending, (chunk, retry) -> {
                List<String> todo = new ArrayList<>(chunk);
                todo.removeAll(written.keySet());
                if (retry || reread) {
                    for (BusinessCentralCustomer c : client.customersByNumbers(todo)) current.put(c.number(), c);
                }
                List<Write> writes = new ArrayList<>();
                for (String no : todo) {
                    BusinessCentralCustomer c = current.get(no);
                    if (c == null) continue;
                    Map<String, Object> diff = BusinessCentralCards.changes(c, BusinessCentralCards.data(c).mergedWith(changes.get(no)));
                    if (diff.isEmpty()) {
                        if (attempted.contains(no)) written.put(no, c.etag()); // the lost attempt wrote it
                        continue;
                    }
                    attempted.add(no);
                    writes.add(new Update(no, c.id(), c.etag(), diff));
                }
                send(writes, r -> written.put(r.key(), r.customer() == null ? null : r.customer().etag()), r -> {
                    conflicts.add(r.key());
                    attempted.remove(r.key()); // refused, not applied
                }, refused);
            });
            pending = conflicts;
        }
        record(written);
        for (String no : pending) refused.put(no, "412: changed in Business Central three times while the sync wrote it");
        if (!refused.isEmpty()) {
            StringBuilder m = new StringBuilder("Business Central refused " + refused.size() + " customer updates:");
            refused.forEach((no, why) -> m.append(' ').append(no).append(": ").append(why).append(';'));
            throw new ErpRejectedException(m.toString(), null);
        }
        return new ArrayList<>(written.keySet());
    }

    // ------------------------------------------------------------------ orders

    /**
     * A draft sales order per store order: {@code externalDocumentNumber} = {@link BusinessCentralReference#documentReference},
     * looked up first (exactly once), the customer, currency (none for the company's own) and order date; then its lines
     * as Comment lines (description only: merchantdesk does not sync items) with fixed sequence numbers, so a retry adds
     * exactly the lines that are missing. Answers BC's order number by reference.
     */
    @Override
    public Map<String, String> placeOrders(List<NewOrder> orders) {
        Map<String, String> out = new LinkedHashMap<>();
        if (orders.isEmpty()) return out;
        Map<String, NewOrder> byDoc = new LinkedHashMap<>();
        for (NewOrder o : orders) byDoc.putIfAbsent(BusinessCentralReference.documentReference(o.reference()), o);
        Map<String, JsonNode> placed = new HashMap<>(); // externalDocumentNumber → salesOrder
        for (JsonNode so : call(() -> client.lookup("salesOrders", "externalDocumentNumber", byDoc.keySet()))) {
            placed.put(so.path("externalDocumentNumber").asText().toUpperCase(Locale.ROOT), so);
        }
        Set<String> before = new HashSet<>(placed.keySet()); // placed by an earlier attempt: its lines may be incomplete
        List<String> missing = byDoc.keySet().stream().filter(d -> !placed.containsKey(d)).toList();
        if (!missing.isEmpty()) localCurrency(); // read before the writes, outside their guarded step
        Map<String, String> refused = new LinkedHashMap<>();
        inChunks(missing, (chunk, retry) -> {
            List<String> todo = new ArrayList<>(chunk);
            todo.removeAll(placed.keySet());
            if (retry) {
                for (JsonNode so : client.lookup("salesOrders", "externalDocumentNumber", todo)) {
                    String doc = so.path("externalDocumentNumber").asText().toUpperCase(Locale.ROOT);
                    placed.put(doc, so);
                    before.add(doc);
                }
                todo.removeAll(placed.keySet());
            }
            send(todo.stream().map(d -> new Insert(d, "salesOrders", salesOrder(d, byDoc.get(d)))).toList(),
                    r -> placed.put(r.key(), r.body()), null, refused);
        });
        addLines(byDoc, placed, before);
        if (!refused.isEmpty()) {
            StringBuilder m = new StringBuilder("Business Central refused " + refused.size() + " of " + missing.size() + " sales orders:");
            refused.forEach((doc, why) -> m.append(" order ").append(byDoc.get(doc).reference()).append(": ").append(why).append(';'));
            throw new ErpRejectedException(m.toString(), null);
        }
        for (Map.Entry<String, NewOrder> e : byDoc.entrySet()) {
            JsonNode so = placed.get(e.getKey());
            out.put(e.getValue().reference(), so.path("number").asText());
        }
        return out;
    }

    private Map<String, Object> salesOrder(String doc, NewOrder o) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("externalDocumentNumber", doc);
        v.put("customerNumber", o.customerNo());
        if (o.placedAt() != null) v.put("orderDate", o.placedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        if (o.currency() != null && !o.currency().equalsIgnoreCase(localCurrency())) v.put("currencyCode", o.currency());
        return v;
    }

    /** The comment lines of the placed orders, each line once: by sequence number, re-read for orders an earlier attempt placed. */
    private void addLines(Map<String, NewOrder> byDoc, Map<String, JsonNode> placed, Set<String> placedBefore) {
        Map<String, Set<Integer>> have = new HashMap<>(); // salesOrder id → line sequences present
        List<Insert> lines = new ArrayList<>();
        for (Map.Entry<String, NewOrder> e : byDoc.entrySet()) {
            JsonNode so = placed.get(e.getKey());
            if (so == null) continue;
            String id = so.path("id").asText();
            if (placedBefore.contains(e.getKey())) have.put(id, sequences(id));
            List<String> texts = lineTexts(e.getValue());
            for (int i = 0; i < texts.size(); i++) {
                int sequence = (i + 1) * LINE_STEP;
                if (have.getOrDefault(id, Set.of()).contains(sequence)) continue;
                lines.add(new Insert(id + "#" + sequence, "salesOrders(" + id + ")/salesOrderLines",
                        Map.of("sequence", sequence, "lineType", "Comment", "description", texts.get(i))));
            }
        }
        Map<String, String> refused = new LinkedHashMap<>();
        Set<String> done = new HashSet<>();
        inChunks(lines, (chunk, retry) -> {
            List<Insert> todo = new ArrayList<>();
            Map<String, Set<Integer>> reread = new HashMap<>();
            for (Insert line : chunk) {
                if (done.contains(line.key())) continue;
                String id = line.key().substring(0, line.key().indexOf('#'));
                int sequence = Integer.parseInt(line.key().substring(line.key().indexOf('#') + 1));
                if (retry && reread.computeIfAbsent(id, this::sequencesUnguarded).contains(sequence)) continue;
                todo.add(line);
            }
            send(todo, r -> done.add(r.key()), null, refused);
        });
        if (!refused.isEmpty()) {
            throw new ErpRejectedException("Business Central refused " + refused.size() + " sales order lines: " + refused, null);
        }
    }

    private Set<Integer> sequences(String salesOrderId) {
        return call(() -> sequencesUnguarded(salesOrderId));
    }

    private Set<Integer> sequencesUnguarded(String salesOrderId) {
        Set<Integer> out = new HashSet<>();
        for (JsonNode line : client.list("salesOrders(" + salesOrderId + ")/salesOrderLines", null)) out.add(line.path("sequence").asInt());
        return out;
    }

    /** One comment per store line ("2 × Kayak à 499.00"), and the store's total, each cut to BC's 100 characters. */
    private static List<String> lineTexts(NewOrder o) {
        List<String> out = new ArrayList<>();
        if (o.lines() != null) {
            for (OrderLine l : o.lines()) {
                StringBuilder t = new StringBuilder();
                if (l.quantity() != null) t.append(l.quantity().toPlainString()).append(" × ");
                t.append(l.description() == null ? "" : l.description());
                if (l.unitPrice() != null) t.append(" à ").append(l.unitPrice().toPlainString());
                out.add(cut(t.toString()));
            }
        }
        if (o.total() != null) out.add(cut("Store order total " + o.total().toPlainString() + (o.currency() == null ? "" : " " + o.currency())));
        return out;
    }

    private static String cut(String s) {
        return s.length() <= DESCRIPTION ? s : s.substring(0, DESCRIPTION);
    }

    // ------------------------------------------------------------------ changes

    /**
     * Customers changed after the cursor ({@link BusinessCentralCursor}): {@code lastModifiedDateTime ge high − overlap}
     * (every customer without a cursor), oldest first, one server page after the other ({@code Prefer:
     * odata.maxpagesize} = what is left of {@code limit}), dropping changes already delivered and the sync's own writes
     * (SYNC-19: a customer whose etag is the one the sync's last write got back). Never an empty page before the last.
     */
    @Override
    public ChangePage changes(String cursor, int limit) {
        BusinessCentralCursor at = BusinessCentralCursor.parse(cursor);
        Instant high = at.high();
        Map<String, Instant> recent = new LinkedHashMap<>(at.recent());
        Instant since = high == null ? null : high.minus(overlap);
        URI next = at.next();
        List<ErpCard> out = new ArrayList<>();
        while (true) {
            int room = Math.max(1, limit - out.size());
            URI link = next;
            CustomerPage page;
            try {
                page = call(() -> client.customersChangedPage(since, link, room));
            } catch (ErpRejectedException e) {
                if (link == null) throw e;
                next = null; // a kept link BC no longer takes (or another endpoint): the scan starts again at high − overlap
                continue;
            }
            List<BusinessCentralCustomer> fresh = new ArrayList<>();
            for (BusinessCentralCustomer c : page.customers()) {
                Instant t = c.lastModifiedDateTime();
                if (t != null && (high == null || t.isAfter(high))) high = t;
                if (t != null && t.equals(recent.get(c.number()))) continue; // delivered by an earlier page or run
                fresh.add(c);
            }
            Map<String, String> ours = fresh.isEmpty() ? Map.of()
                    : syncWrites.stamps(companyId, fresh.stream().map(BusinessCentralCustomer::number).toList());
            List<BusinessCentralCustomer> theirs = fresh.stream()
                    .filter(c -> c.etag() == null || !c.etag().equals(ours.get(c.number()))).toList();
            for (ErpCard card : cards(theirs)) {
                out.add(card);
                if (card.changedAt() != null) recent.put(card.customerNo(), card.changedAt());
            }
            next = page.nextLink();
            if (next == null || out.size() >= limit) break;
        }
        return new ChangePage(out, new BusinessCentralCursor(high, next, recent).encode(overlap), next == null);
    }

    @Override
    public void close() {
        client.close();
    }
}
