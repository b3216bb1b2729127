package io.merchantdesk.sync.engine;

import io.merchantdesk.kernel.contact.Countries;
import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.kernel.outbox.Outbox;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.sync.CustomerImport;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.*;
import io.merchantdesk.sync.engine.match.Candidate;
import io.merchantdesk.sync.engine.match.CustomerMatcher;
import io.merchantdesk.sync.engine.match.Match;
import io.merchantdesk.sync.engine.match.MatchBatch;
import io.merchantdesk.sync.naming.NameSource;
import io.merchantdesk.sync.naming.NameStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.*;

/**
 * The rules of the sync (SYNC-1..16, 19) applied to one batch at a time, between the two ports. Each
 * method reads what the batch needs in a few set-based queries, decides in memory, and writes with
 * batched statements on the caller's connection (one transaction per batch).
 */
@ApplicationScoped
public class SyncEngine {
    public static final String CUSTOMER = "CUSTOMER";
    public static final String ORDER = "ORDER";
    public static final String ERP_CUSTOMER = "ERP_CUSTOMER";

    @Inject
    ErpPort erp;

    @Inject
    StorePort store;

    // ------------------------------------------------------------------ customer import (SYNC-5..9)

    public BatchOutcome importCustomers(Connection c, Settings s, List<StoreCustomer> customers) throws SQLException {
        BatchOutcome out = new BatchOutcome();
        out.processed = customers.size();
        if (s.customerImport() == CustomerImport.NONE) {
            for (StoreCustomer sc : customers) {
                out.skip(CUSTOMER, sc.id(), "IMPORT_OFF", "SYNC-8: the connection's customerImport is NONE, so store customers are not imported");
            }
            return out;
        }
        long t = System.nanoTime();
        Map<UUID, String> links = validLinks(c, s, customers.stream().map(StoreCustomer::id).toList());
        t = out.lap("links", t);
        MatchBatch batch = new MatchBatch(c, s, erp, links);
        List<Candidate> candidates = customers.stream().map(sc -> candidate(sc)).toList();
        t = out.lap("keys", t);
        boolean discover = s.customerImport() == CustomerImport.ALL_CUSTOMERS; // SYNC-8
        CustomerMatcher matcher = s.mappingType().matcher();
        if (discover && matcher.discovers()) matcher.prefetch(batch, candidates);
        t = out.lap("candidates", t);

        Map<String, CardData> updates = new LinkedHashMap<>();
        Map<UUID, String> newLinks = new LinkedHashMap<>();
        List<UUID> touched = new ArrayList<>();
        List<NewCard> toCreate = new ArrayList<>();
        List<UUID> createdFor = new ArrayList<>();
        Map<String, Template> templates = null;
        Set<String> claimedNos = new HashSet<>();
        Set<String> pendingKeys = new HashSet<>();

        for (int i = 0; i < customers.size(); i++) {
            StoreCustomer sc = customers.get(i);
            Candidate cand = candidates.get(i);
            Match m;
            if (links.containsKey(sc.id())) {
                m = new Match.Found(links.get(sc.id()), "LINK");
            } else if (!discover) { // WITH_ORDER_IMPORT refreshes linked customers only
                out.skip(CUSTOMER, sc.id(), "NOT_LINKED", "SYNC-8: customerImport is WITH_ORDER_IMPORT, which only refreshes store customers "
                        + "already linked to an ERP customer, and this one is not linked (set customerImport to ALL_CUSTOMERS, or link it by hand)");
                continue;
            } else if (matcher.discovers()) {
                m = matcher.match(batch, cand);
            } else {
                m = new Match.NotFound();
            }
            switch (m) {
                case Match.Ambiguous a -> out.fail(CUSTOMER, sc.id(), "AMBIGUOUS_MATCH", a.message());
                case Match.Found f -> {
                    if (!"LINK".equals(f.rule())) {
                        if (!claimedNos.add(f.customerNo())) {
                            out.fail(CUSTOMER, sc.id(), "DUPLICATE", "ERP customer " + f.customerNo()
                                    + " matches another store customer of this batch");
                            continue;
                        }
                        newLinks.put(sc.id(), f.customerNo());
                    } else {
                        touched.add(sc.id());
                    }
                    if (s.storeCanUpdateCustomers()) { // SYNC-9
                        updates.put(f.customerNo(), cardData(s, sc.firstName(), sc.lastName(), sc.address(), sc.phone(), sc.email()));
                    } else if ("LINK".equals(f.rule())) {
                        out.skip(CUSTOMER, sc.id(), "UPDATE_OFF", "SYNC-9: linked to ERP customer " + f.customerNo()
                                + "; storeCanUpdateCustomers is off, so the ERP customer is left as it is");
                    }
                }
                case Match.NotFound nf -> {
                    if (!s.autoCreateUnknownCustomers()) { // SYNC-6: created by hand and linked
                        out.skip(CUSTOMER, sc.id(), "NO_MATCH", "SYNC-6: no ERP customer matches (customerMappingType " + s.mappingType()
                                + ") and autoCreateUnknownCustomers is off; create or link one by hand");
                        continue;
                    }
                    if (templates == null) templates = erp.templates(c, s.company());
                    String key = cand.emailNorm() != null ? "e:" + cand.emailNorm() : cand.phoneE164() != null ? "p:" + cand.phoneE164() : null;
                    if (key != null && !pendingKeys.add(key)) {
                        out.fail(CUSTOMER, sc.id(), "DUPLICATE", "Another store customer of this batch has the same " + key.substring(2));
                        continue;
                    }
                    NewCard card = newCard(s, templates, sc.firstName(), sc.lastName(), sc.address(), sc.phone(), sc.email(),
                            CUSTOMER, sc.id(), out);
                    if (card != null) {
                        toCreate.add(card);
                        createdFor.add(sc.id());
                    }
                }
            }
        }
        t = out.lap("decide", t);
        // An ERP customer linked already to another store customer is a duplicate, not a second link.
        Map<String, UUID> takenNos = Links.byNumber(c, s.storeId(), s.company(), newLinks.values());
        for (Iterator<Map.Entry<UUID, String>> it = newLinks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<UUID, String> e = it.next();
            UUID other = takenNos.get(e.getValue());
            if (other != null && !other.equals(e.getKey())) {
                out.fail(CUSTOMER, e.getKey(), "DUPLICATE", "ERP customer " + e.getValue() + " is already linked to store customer " + other);
                updates.remove(e.getValue());
                it.remove();
            }
        }
        t = out.lap("taken", t);
        String planMode = cachedPlans(c);
        List<String> created = erp.create(c, s.company(), toCreate);
        t = out.lap("createCards", t);
        for (int i = 0; i < created.size(); i++) newLinks.put(createdFor.get(i), created.get(i));
        out.created += created.size();
        out.linked += Links.insert(c, s.storeId(), s.company(), newLinks, "STORE") - created.size();
        restorePlans(c, planMode);
        t = out.lap("insertLinks", t);
        out.updated += erp.update(c, s.company(), updates).size();
        t = out.lap("updateCards", t);
        Links.touch(c, s.storeId(), touched, "STORE");
        out.lap("touchLinks", t);
        return out;
    }

    /**
     * The run's connection uses force_custom_plan for its array lookups (SyncRunner); that mode also re-plans the
     * foreign-key check every inserted row runs (three per link, one per card: measured 129 ms instead of 74 ms per
     * 2 000 links), so the inserts run with cached plans, for this transaction only. Returns the mode to restore.
     */
    private static String cachedPlans(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('plan_cache_mode'), set_config('plan_cache_mode', 'auto', true)");
             var rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Back to the mode before {@link #cachedPlans} (a failed batch rolls back, which undoes the local setting anyway). */
    private static void restorePlans(Connection c, String mode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('plan_cache_mode', ?, true)")) {
            ps.setString(1, mode);
            ps.execute();
        }
    }

    static Candidate candidate(StoreCustomer sc) {
        return new Candidate(sc.id().toString(), sc.id(), Normalize.email(sc.email()), phoneKey(sc), sc.address());
    }

    /**
     * SYNC-5: the address's phone, else the customer's, in E.164 read with the address's country. When that is the
     * customer's phone read with the default address's country (or with none when there is no address), B2B has
     * already stored exactly that key in customers.phone_e164 (Phones.e164 on every write), so it is not parsed
     * again; a missing key (rows written without B2B) is computed.
     */
    static String phoneKey(StoreCustomer sc) {
        Address a = sc.address();
        boolean customerPhone = a == null || Normalize.blank(a.phone());
        if (customerPhone && (a == null || sc.defaultAddress()) && sc.phoneE164() != null) return sc.phoneE164();
        return Phones.e164(customerPhone ? sc.phone() : a.phone(), a == null ? null : a.countryCode());
    }

    /** The batch's links whose ERP customer still exists; SYNC-5 drops the others. */
    private Map<UUID, String> validLinks(Connection c, Settings s, Collection<UUID> customerIds) throws SQLException {
        Map<UUID, String> links = Links.byCustomer(c, s.storeId(), customerIds);
        if (links.isEmpty()) return links;
        Map<String, ErpCard> cards = erp.byNumbers(c, s.company(), new HashSet<>(links.values()));
        List<UUID> dangling = new ArrayList<>();
        links.forEach((id, no) -> {
            if (!cards.containsKey(no)) dangling.add(id);
        });
        Links.drop(c, s.storeId(), dangling);
        dangling.forEach(links::remove);
        return links;
    }

    /** SYNC-6: Name, Name 2 and Contact through the three source settings; an empty Name takes Name 2, then Contact. */
    static CardData cardData(Settings s, String firstName, String lastName, Address a, String customerPhone, String email) {
        String first = a != null && !Normalize.blank(a.firstName()) ? a.firstName() : firstName;
        String last = a != null && !Normalize.blank(a.lastName()) ? a.lastName() : lastName;
        String company = a == null ? null : a.company();
        String name = s.nameSource().strategy().compose(first, last, company);
        String name2 = s.name2Source().strategy().compose(first, last, company);
        String contact = s.contactSource().strategy().compose(first, last, company);
        if (Normalize.blank(name)) {
            if (!Normalize.blank(name2)) {
                name = name2;
                name2 = null;
            } else if (!Normalize.blank(contact)) {
                name = contact;
                contact = null;
            }
        }
        String phone = a != null && !Normalize.blank(a.phone()) ? a.phone() : customerPhone;
        if (a == null) {
            return new CardData(name, name2, contact, null, null, null, null, null, null, phone, Normalize.firstEmail(email));
        }
        return new CardData(name, name2, contact, a.address1(), a.address2(), a.city(), a.zip(),
                s.countySource().toErp(a.provinceCode(), a.province()), a.countryCode(), phone, Normalize.firstEmail(email));
    }

    /** A card to create from the template of SYNC-6, or null after reporting why it cannot be (SYNC-6, SYNC-7). */
    private NewCard newCard(Settings s, Map<String, Template> templates, String firstName, String lastName, Address a,
                            String phone, String email, String type, Object id, BatchOutcome out) {
        if (a == null) {
            out.fail(type, id, "NO_ADDRESS", ORDER.equals(type)
                    ? "SYNC-4: the order has neither a bill-to address (billingAddress) nor a ship-to address (shippingAddress); "
                      + "the ERP customer is created from the order's bill-to address"
                    : "SYNC-6: the store customer has no address (its addresses list is empty); an ERP customer is created only from one");
            return null;
        }
        Settings.CountryRow row = s.row(a.countryCode(), a.provinceCode());
        String code = row != null && row.customerTemplateCode() != null ? row.customerTemplateCode() : s.customerTemplateCode();
        if (code == null) {
            String where = ORDER.equals(type) ? "the order's bill-to address" : "the store customer's address";
            out.fail(type, id, "TEMPLATE_MISSING", "SYNC-6: no customer template: " + (a.countryCode() == null
                    ? where + " has no countryCode"
                    : (row == null ? "no per-country row for " : "the per-country row for ") + a.countryCode()
                      + (row == null ? "" : " has no customerTemplateCode")) + " and the connection's customerTemplateCode is empty");
            return null;
        }
        Template t = templates.get(code);
        if (t == null) {
            out.fail(type, id, "TEMPLATE_NOT_FOUND", "SYNC-6: customer template " + code + " does not exist in the ERP company");
            return null;
        }
        if (!t.missingFields().isEmpty()) {
            out.fail(type, id, "TEMPLATE_INCOMPLETE", "SYNC-7: customer template " + code + " lacks " + String.join(", ", t.missingFields()));
            return null;
        }
        return new NewCard(cardData(s, firstName, lastName, a, phone, email), t,
                row == null ? null : row.vatBusPostingGroup(), row == null ? null : row.taxAreaCode());
    }

    // ------------------------------------------------------------------ order import (SYNC-1..4, 10)

    private record Choice(StoreOrder order, String customerNo, ChosenBy by, Settings.CountryRow row, int pending) {}

    public BatchOutcome importOrders(Connection c, Settings s, List<StoreOrder> orders, UUID runId) throws SQLException {
        BatchOutcome out = new BatchOutcome();
        out.processed = orders.size();
        Map<UUID, String> links = validLinks(c, s, orders.stream().map(StoreOrder::customerId).filter(Objects::nonNull).distinct().toList());
        MatchBatch batch = new MatchBatch(c, s, erp, links);
        List<Candidate> candidates = orders.stream().map(o -> candidate(o)).toList();
        CustomerMatcher matcher = s.mappingType().matcher();
        matcher.prefetch(batch, candidates);

        List<Choice> choices = new ArrayList<>();
        Map<String, CardData> updates = new LinkedHashMap<>();
        Map<UUID, String> newLinks = new LinkedHashMap<>();
        List<NewCard> toCreate = new ArrayList<>();
        List<UUID> createdFor = new ArrayList<>();
        Map<String, Integer> pendingByKey = new HashMap<>();
        Map<String, Template> templates = null;

        for (int i = 0; i < orders.size(); i++) {
            StoreOrder o = orders.get(i);
            Candidate cand = candidates.get(i);
            Settings.CountryRow row = s.row(o.rowCountry(), o.rowState());
            if (row != null && row.defaultCustomerNo() != null) { // SYNC-1
                choices.add(new Choice(o, row.defaultCustomerNo(), ChosenBy.COUNTRY_DEFAULT, row, -1));
                continue;
            }
            if (s.customerImport() == CustomerImport.NONE && s.defaultCustomerNo() != null) { // SYNC-2
                choices.add(new Choice(o, s.defaultCustomerNo(), ChosenBy.IMPORT_NONE_DEFAULT, row, -1));
                continue;
            }
            // SYNC-3 (a customer created earlier in this batch is found like an existing one)
            String key = o.customerId() != null ? "c:" + o.customerId() : cand.emailNorm() != null ? "e:" + cand.emailNorm() : null;
            if (key != null && pendingByKey.containsKey(key)) {
                choices.add(new Choice(o, null, ChosenBy.CREATED, row, pendingByKey.get(key)));
                continue;
            }
            Match m = matcher.match(batch, cand);
            switch (m) {
                case Match.Ambiguous a -> out.fail(ORDER, o.id(), "AMBIGUOUS_MATCH", a.message());
                case Match.Found f -> {
                    ChosenBy by = ChosenBy.valueOf(f.rule());
                    choices.add(new Choice(o, f.customerNo(), by, row, -1));
                    if (by != ChosenBy.DEFAULT_CUSTOMER) {
                        if (by != ChosenBy.LINK && o.customerId() != null) newLinks.putIfAbsent(o.customerId(), f.customerNo());
                        if (s.storeCanUpdateCustomers()) { // SYNC-9
                            updates.put(f.customerNo(), cardData(s, o.customerFirstName(), o.customerLastName(), o.billToOrShipTo(),
                                    o.customerPhone(), o.customerEmail()));
                        }
                    }
                }
                case Match.NotFound nf -> {
                    if (matcher.discovers() && s.autoCreateUnknownCustomers() && s.customerImport() != CustomerImport.NONE) {
                        if (templates == null) templates = erp.templates(c, s.company());
                        // SYNC-4: the bill-to customer is created from the order's bill-to address.
                        NewCard card = newCard(s, templates, o.customerFirstName(), o.customerLastName(), o.billToOrShipTo(),
                                o.customerPhone(), o.customerEmail(), ORDER, o.id(), out);
                        if (card != null) {
                            toCreate.add(card);
                            createdFor.add(o.customerId());
                            if (key != null) pendingByKey.put(key, toCreate.size() - 1);
                            choices.add(new Choice(o, null, ChosenBy.CREATED, row, toCreate.size() - 1));
                        }
                    } else if (s.defaultCustomerNo() != null) {
                        choices.add(new Choice(o, s.defaultCustomerNo(), ChosenBy.DEFAULT_FALLBACK, row, -1));
                    } else {
                        out.fail(ORDER, o.id(), "NEEDS_CUSTOMER", "SYNC-3: no ERP customer found (customerMappingType " + s.mappingType()
                                + "), none may be created (autoCreateUnknownCustomers " + (s.autoCreateUnknownCustomers() ? "on" : "off")
                                + ", customerImport " + s.customerImport() + ") and the connection's defaultCustomerNo is empty; "
                                + "create or link one by hand");
                    }
                }
            }
        }
        Map<String, UUID> takenNos = Links.byNumber(c, s.storeId(), s.company(), newLinks.values());
        newLinks.entrySet().removeIf(e -> takenNos.containsKey(e.getValue()) && !takenNos.get(e.getValue()).equals(e.getKey()));
        List<String> created = erp.create(c, s.company(), toCreate);
        out.created += created.size();
        for (int i = 0; i < created.size(); i++) {
            if (createdFor.get(i) != null) newLinks.put(createdFor.get(i), created.get(i));
        }
        out.linked += Math.max(0, Links.insert(c, s.storeId(), s.company(), newLinks, "STORE") - created.size());
        out.updated += erp.update(c, s.company(), updates).size();

        // SYNC-10: prices incl. VAT and the VAT group come from the country row, else from the customer card.
        Set<String> nos = new HashSet<>();
        for (Choice ch : choices) nos.add(ch.pending() >= 0 ? created.get(ch.pending()) : ch.customerNo());
        Map<String, ErpCard> cards = erp.byNumbers(c, s.company(), nos);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO erp_orders (id, store_id, order_id, erp_company_id, sell_to_customer_no, bill_to_customer_no, chosen_by,
                    country_code, prices_including_vat, vat_bus_posting_group, tax_area_code, run_id)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (store_id, order_id) DO NOTHING""")) {
            int rows = 0;
            for (Choice ch : choices) {
                String no = ch.pending() >= 0 ? created.get(ch.pending()) : ch.customerNo();
                ErpCard card = cards.get(no);
                if (card == null) {
                    out.fail(ORDER, ch.order().id(), "CUSTOMER_NOT_FOUND", ch.by().rule() + ": ERP customer " + no + " does not exist");
                    continue;
                }
                Settings.CountryRow row = ch.row();
                ps.setObject(1, Ids.next());
                ps.setObject(2, s.storeId());
                ps.setObject(3, ch.order().id());
                ps.setObject(4, s.company());
                ps.setString(5, no); // SYNC-4: sell-to = bill-to
                ps.setString(6, no);
                ps.setString(7, ch.by().name());
                ps.setString(8, ch.order().rowCountry());
                ps.setBoolean(9, row != null ? row.pricesIncludingVat() : card.pricesIncludingVat());
                ps.setString(10, row != null && row.vatBusPostingGroup() != null ? row.vatBusPostingGroup() : card.vatBusPostingGroup());
                ps.setString(11, row != null && row.taxAreaCode() != null ? row.taxAreaCode() : card.taxAreaCode());
                ps.setObject(12, runId);
                ps.addBatch();
                rows++;
            }
            if (rows > 0) ps.executeBatch();
        }
        return out;
    }

    private static Candidate candidate(StoreOrder o) {
        Address billTo = o.billToOrShipTo();
        String country = billTo == null ? null : billTo.countryCode();
        String phone = Phones.e164(billTo != null && !Normalize.blank(billTo.phone()) ? billTo.phone() : o.customerPhone(), country);
        return new Candidate(o.id().toString(), o.customerId(), Normalize.email(o.customerEmail()), phone, billTo);
    }

    // ------------------------------------------------------------------ manual creation or link (SYNC-6)

    /** Links the store customer to an existing card, or creates one from the template; errors come back in the outcome. */
    public String createOrLink(Connection c, Settings s, StoreCustomer sc, String customerNo, BatchOutcome out) throws SQLException {
        Map<UUID, String> links = validLinks(c, s, List.of(sc.id()));
        if (links.containsKey(sc.id())) {
            out.fail(CUSTOMER, sc.id(), "ALREADY_LINKED", "The store customer is already linked to ERP customer " + links.get(sc.id()));
            return null;
        }
        String no = customerNo;
        if (no != null) {
            if (!erp.byNumbers(c, s.company(), List.of(no)).containsKey(no)) {
                out.fail(CUSTOMER, sc.id(), "CUSTOMER_NOT_FOUND", "ERP customer " + no + " does not exist");
                return null;
            }
        } else {
            NewCard card = newCard(s, erp.templates(c, s.company()), sc.firstName(), sc.lastName(), sc.address(), sc.phone(), sc.email(),
                    CUSTOMER, sc.id(), out);
            if (card == null) return null;
            no = erp.create(c, s.company(), List.of(card)).get(0);
            out.created++;
        }
        UUID other = Links.byNumber(c, s.storeId(), s.company(), List.of(no)).get(no);
        if (other != null) {
            out.fail(CUSTOMER, sc.id(), "DUPLICATE", "ERP customer " + no + " is already linked to store customer " + other);
            return null;
        }
        Links.insert(c, s.storeId(), s.company(), Map.of(sc.id(), no), "MANUAL");
        if (customerNo != null) out.linked++;
        return no;
    }

    // ------------------------------------------------------------------ export (SYNC-11..16)

    public BatchOutcome exportCustomers(Connection c, Settings s, List<ErpCard> cards) throws SQLException {
        BatchOutcome out = new BatchOutcome();
        out.processed = cards.size();
        List<ErpCard> valid = new ArrayList<>();
        for (ErpCard card : cards) {
            if (Normalize.validEmail(card.data().email())) valid.add(card);
            else out.skip(ERP_CUSTOMER, card.customerNo(), "NO_VALID_EMAIL", "SYNC-11: only ERP customers with a valid e-mail are exported; "
                    + "this one's email is " + (Normalize.blank(card.data().email()) ? "empty" : "'" + card.data().email() + "'"));
        }
        Map<String, UUID> linkByNo = Links.byNumber(c, s.storeId(), s.company(), valid.stream().map(ErpCard::customerNo).toList());
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        for (ErpCard card : valid) {
            emails.add(Normalize.email(card.data().email()));
            String p = Phones.e164(card.data().phone(), card.data().countryCode());
            if (p != null) phones.add(p);
        }
        Map<String, List<UUID>> byEmail = store.customersByEmail(c, s.storeId(), emails);
        Map<String, List<UUID>> byPhone = store.customersByPhone(c, s.storeId(), phones);
        Set<UUID> found = new HashSet<>(linkByNo.values());
        byEmail.values().forEach(found::addAll);
        byPhone.values().forEach(found::addAll);
        Map<UUID, StoreCustomer> existing = store.customers(c, s.storeId(), found);
        Map<UUID, String> linkOf = Links.byCustomer(c, s.storeId(), found);

        List<StoreCustomerData> toCreate = new ArrayList<>();
        List<String> createdNos = new ArrayList<>();
        List<String> createdEmails = new ArrayList<>();
        Map<UUID, StoreCustomerData> updates = new LinkedHashMap<>();
        Map<UUID, String> newLinks = new LinkedHashMap<>();
        List<UUID> touched = new ArrayList<>();
        Set<String> batchEmails = new HashSet<>();
        List<UUID> dangling = new ArrayList<>();

        for (ErpCard card : valid) {
            String no = card.customerNo();
            String email = Normalize.email(card.data().email());
            StoreCustomerData data = storeData(s, card, out);
            if (data == null) continue;
            if (!batchEmails.add(email)) {
                out.fail(ERP_CUSTOMER, no, "DUPLICATE", "SYNC-12: another ERP customer of this batch has e-mail " + email);
                continue;
            }
            UUID target = linkByNo.get(no);
            if (target != null && !existing.containsKey(target)) { // the store customer was deleted: discover again
                dangling.add(target);
                target = null;
            }
            boolean linked = target != null;
            if (!linked) {
                List<UUID> hits = byEmail.getOrDefault(email, List.of());
                String how = "e-mail " + email;
                if (hits.isEmpty()) {
                    String p = Phones.e164(card.data().phone(), card.data().countryCode());
                    hits = p == null ? List.of() : byPhone.getOrDefault(p, List.of());
                    how = "phone " + p;
                }
                if (hits.size() > 1) {
                    out.fail(ERP_CUSTOMER, no, "AMBIGUOUS_MATCH", "SYNC-5: " + hits.size() + " store customers have " + how);
                    continue;
                }
                if (hits.size() == 1) {
                    target = hits.get(0);
                    String otherNo = linkOf.get(target);
                    if (otherNo != null && !otherNo.equals(no) || newLinks.containsKey(target)) {
                        out.fail(ERP_CUSTOMER, no, "DUPLICATE", "SYNC-12: store customer " + target + " with " + how
                                + " is already linked to ERP customer " + (otherNo != null ? otherNo : "of this batch"));
                        continue;
                    }
                }
            }
            if (target == null) {
                toCreate.add(data);
                createdNos.add(no);
                createdEmails.add(Normalize.firstEmail(card.data().email()));
                continue;
            }
            if (!linked) newLinks.put(target, no);
            else touched.add(target);
            if (s.canUpdateStoreCustomers()) updates.put(target, data); // SYNC-12
            else if (linked) out.skip(ERP_CUSTOMER, no, "UPDATE_OFF", "SYNC-12: linked to store customer " + target
                    + "; canUpdateStoreCustomers is off, so the store customer is left as it is");
        }
        Links.drop(c, s.storeId(), dangling);
        List<UUID> created = store.createCustomers(c, s.storeId(), toCreate);
        for (int i = 0; i < created.size(); i++) newLinks.put(created.get(i), createdNos.get(i));
        out.created += created.size();
        out.linked += Math.max(0, Links.insert(c, s.storeId(), s.company(), newLinks, "ERP") - created.size());
        out.updated += store.updateCustomers(c, s.storeId(), updates).size();
        Links.touch(c, s.storeId(), touched, "ERP");
        if (s.inviteExportedCustomers()) invite(c, s.storeId(), created, createdEmails); // SYNC-16
        return out;
    }

    /** SYNC-13..15: the store customer and its default address from an ERP card; null after reporting why not. */
    static StoreCustomerData storeData(Settings s, ErpCard card, BatchOutcome out) {
        CardData d = card.data();
        String[] names = null;
        for (Object[] source : new Object[][] {{d.contact(), s.contactSource()}, {d.name2(), s.name2Source()}, {d.name(), s.nameSource()}}) {
            String value = (String) source[0];
            NameStrategy strategy = ((NameSource) source[1]).strategy();
            if (!Normalize.blank(value)) {
                names = strategy.split(value);
                if (names != null) break;
            }
        }
        String first = names == null ? null : Normalize.emptyToNull(names[0]);
        String last = names == null ? null : Normalize.emptyToNull(names[1]);
        String company = s.nameSource().strategy().holdsCompany() ? d.name()
                : s.name2Source().strategy().holdsCompany() ? d.name2() : null;
        String[] province = s.countySource().toStore(d.county());
        boolean hasState = province[0] != null || province[1] != null;
        if (hasState && !Countries.isIso(d.countryCode())) {
            out.fail(ERP_CUSTOMER, card.customerNo(), "COUNTRY_REQUIRED", "SYNC-15: the ERP customer's county is filled, and a store address "
                    + "with a state/province needs an ISO 3166-1 alpha-2 countryCode; the card's countryCode is "
                    + (Normalize.blank(d.countryCode()) ? "empty" : "'" + d.countryCode() + "'"));
            return null;
        }
        if (!Countries.isIso(d.countryCode())) {
            out.fail(ERP_CUSTOMER, card.customerNo(), "COUNTRY_REQUIRED", "SYNC-11: the store customer's default address needs an ISO 3166-1 "
                    + "alpha-2 country; the ERP customer's countryCode is " + (Normalize.blank(d.countryCode()) ? "empty" : "'" + d.countryCode() + "'"));
            return null;
        }
        Address a = new Address(first, last, Normalize.emptyToNull(company), d.address(), d.address2(), d.city(), province[0], province[1],
                d.countryCode(), d.postCode(), d.phone());
        return new StoreCustomerData(first, last, Normalize.firstEmail(d.email()), d.phone(), a);
    }

    private static void invite(Connection c, UUID store, List<UUID> customerIds, List<String> emails) throws SQLException {
        Outbox.emails(c, "CUSTOMER_ACCOUNT_INVITATION", "Activate your store account",
                "Your customer account has been created. Activate it to see your orders and addresses.", "customer", customerIds, emails);
    }
}
