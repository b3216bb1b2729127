package io.merchantdesk.sync.engine;

import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.*;
import io.merchantdesk.sync.engine.match.Candidate;
import io.merchantdesk.sync.engine.match.CustomerMatcher;
import io.merchantdesk.sync.engine.match.Match;
import io.merchantdesk.sync.engine.match.MatchBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.util.*;
import static io.merchantdesk.sync.engine.FlowSupport.*;

/**
 * The order import flow (SYNC-1..4, 10): one batch of store orders, each given its ERP sell-to/bill-to customer (country
 * default, import-none default, matcher, created from the bill-to address, fallback), written to erp_orders.
 */
@ApplicationScoped
public class OrderImport {
    /** {@code sellTo}: a B2B order's own sell-to customer (its location's, SYNC-28), else null: sell-to = bill-to. */
    private record Choice(StoreOrder order, String customerNo, ChosenBy by, Settings.CountryRow row, int pending, String sellTo) {
        Choice(StoreOrder order, String customerNo, ChosenBy by, Settings.CountryRow row, int pending) {
            this(order, customerNo, by, row, pending, null);
        }
    }

    @Inject
    CompanyImport companyImport;

    @Inject
    StorePort store;

    public BatchOutcome importOrders(Batch b, ErpSession erp, Settings s, List<StoreOrder> all, UUID runId) {
        BatchOutcome out = new BatchOutcome();
        out.processed = all.size();
        List<Choice> choices = new ArrayList<>();
        List<StoreOrder> orders = new ArrayList<>();
        List<StoreOrder> b2b = new ArrayList<>();
        for (StoreOrder o : all) (o.companyId() != null ? b2b : orders).add(o);
        if (!b2b.isEmpty()) b2bChoices(b, erp, s, b2b, choices, out);
        Map<UUID, String> links = validLinks(erp, b, s, orders.stream().map(StoreOrder::customerId).filter(Objects::nonNull).distinct().toList());
        MatchBatch batch = new MatchBatch(b, s, erp, links);
        List<Candidate> candidates = orders.stream().map(o -> candidate(o)).toList();
        CustomerMatcher matcher = s.mappingType().matcher();
        matcher.prefetch(batch, candidates);

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
            if (s.customerImport() == io.merchantdesk.sync.CustomerImport.NONE && s.defaultCustomerNo() != null) { // SYNC-2
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
                    if (matcher.discovers() && s.autoCreateUnknownCustomers() && s.customerImport() != io.merchantdesk.sync.CustomerImport.NONE) {
                        if (templates == null) templates = erp.templates();
                        // SYNC-4: the bill-to customer is created from the order's bill-to address.
                        NewCard card = newCard(s, templates, o.customerId() != null ? o.customerId().toString() : "order:" + o.id(), o.customerFirstName(), o.customerLastName(), o.billToOrShipTo(),
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
        Map<String, UUID> takenNos = Links.byNumber(b, s.storeId(), s.company(), newLinks.values());
        newLinks.entrySet().removeIf(e -> takenNos.containsKey(e.getValue()) && !takenNos.get(e.getValue()).equals(e.getKey()));
        List<String> created = new ArrayList<>();
        int fresh = 0;
        for (Created made : erp.create(toCreate)) {
            created.add(made.customerNo());
            if (!made.existed()) fresh++; // an existing one was made by an attempt whose batch did not commit
        }
        out.created += fresh;
        for (int i = 0; i < created.size(); i++) {
            if (createdFor.get(i) != null) newLinks.put(createdFor.get(i), created.get(i));
        }
        out.linked += Math.max(0, Links.insert(b, s.storeId(), s.company(), newLinks, "STORE") - fresh);
        out.updated += erp.update(updates).size();

        // SYNC-10: prices incl. VAT and the VAT group come from the country row, else from the customer card.
        Set<String> nos = new HashSet<>();
        for (Choice ch : choices) {
            nos.add(ch.pending() >= 0 ? created.get(ch.pending()) : ch.customerNo());
            if (ch.sellTo() != null) nos.add(ch.sellTo());
        }
        Map<String, ErpCard> cards = erp.byNumbers(nos);
        List<Choice> placeable = new ArrayList<>();
        List<NewOrder> toPlace = new ArrayList<>();
        for (Choice ch : choices) {
            String no = ch.pending() >= 0 ? created.get(ch.pending()) : ch.customerNo();
            if (cards.get(no) == null || (ch.sellTo() != null && cards.get(ch.sellTo()) == null)) {
                out.fail(ORDER, ch.order().id(), "CUSTOMER_NOT_FOUND", ch.by().rule() + ": ERP customer "
                        + (cards.get(no) == null ? no : ch.sellTo()) + " does not exist");
                continue;
            }
            StoreOrder o = ch.order();
            placeable.add(ch);
            toPlace.add(new NewOrder(o.id().toString(), no, o.currency(), o.placedAt(), o.total(), o.lines()));
        }
        Map<String, String> documents = erp.placeOrders(toPlace); // committed in the ERP before the batch (exactly once by reference)
        b.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO erp_orders (id, store_id, order_id, erp_company_id, sell_to_customer_no, bill_to_customer_no, chosen_by,
                        country_code, prices_including_vat, vat_bus_posting_group, tax_area_code, run_id, erp_document_no)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (store_id, order_id) DO NOTHING""")) {
                int rows = 0;
                for (Choice ch : placeable) {
                    String no = ch.pending() >= 0 ? created.get(ch.pending()) : ch.customerNo();
                    ErpCard card = cards.get(no);
                    Settings.CountryRow row = ch.row();
                    ps.setObject(1, Ids.next());
                    ps.setObject(2, s.storeId());
                    ps.setObject(3, ch.order().id());
                    ps.setObject(4, s.company());
                    ps.setString(5, ch.sellTo() != null ? ch.sellTo() : no); // SYNC-4: sell-to = bill-to, unless a location has its own
                    ps.setString(6, no);
                    ps.setString(7, ch.by().name());
                    ps.setString(8, ch.order().rowCountry());
                    ps.setBoolean(9, row != null ? row.pricesIncludingVat() : card.pricesIncludingVat());
                    ps.setString(10, row != null && row.vatBusPostingGroup() != null ? row.vatBusPostingGroup() : card.vatBusPostingGroup());
                    ps.setString(11, row != null && row.taxAreaCode() != null ? row.taxAreaCode() : card.taxAreaCode());
                    ps.setObject(12, runId);
                    ps.setString(13, documents.get(ch.order().id().toString()));
                    ps.addBatch();
                    rows++;
                }
                if (rows > 0) ps.executeBatch();
            }
        });
        return out;
    }

    /**
     * SYNC-28: a B2B order's customer comes through its company, never through the person who placed it and never from a
     * per-country default: with companyImport NONE the default company; else the company (its link, mapping or a new
     * card, imported as {@link CompanyImport} decides), sold to its location's own customer where it has one; else,
     * when the company could not be imported for a reason a setting or missing data gave, the default company.
     */
    private void b2bChoices(Batch b, ErpSession erp, Settings s, List<StoreOrder> orders, List<Choice> choices, BatchOutcome out) {
        Settings.Companies cs = s.companies();
        if (cs.companyImport() == io.merchantdesk.sync.CompanyImport.NONE) {
            for (StoreOrder o : orders) {
                if (cs.defaultCompanyNo() != null) {
                    choices.add(new Choice(o, cs.defaultCompanyNo(), ChosenBy.COMPANY_IMPORT_NONE_DEFAULT, s.row(o.rowCountry(), o.rowState()), -1));
                } else {
                    out.fail(ORDER, o.id(), "NEEDS_CUSTOMER", "SYNC-28: a B2B order with companyImport NONE goes to the connection's "
                            + "defaultCompanyNo, which is empty");
                }
            }
            return;
        }
        Map<UUID, StoreCompany> companies = store.companies(b, s.storeId(), orders.stream().map(StoreOrder::companyId).distinct().toList());
        Map<UUID, CompanyImport.Outcome> outcomes = companyImport.forOrders(b, erp, s, new ArrayList<>(companies.values()), out);
        Map<UUID, String> own = CompanyLinks.byLocation(b, s.storeId(), orders.stream().map(StoreOrder::companyLocationId).distinct().toList());
        for (StoreOrder o : orders) {
            Settings.CountryRow row = s.row(o.rowCountry(), o.rowState());
            CompanyImport.Outcome oc = outcomes.get(o.companyId());
            if (oc instanceof CompanyImport.Resolved r) {
                String sellTo = own.get(o.companyLocationId());
                choices.add(sellTo != null && !sellTo.equals(r.customerNo())
                        ? new Choice(o, r.customerNo(), ChosenBy.COMPANY_LOCATION, row, -1, sellTo)
                        : new Choice(o, r.customerNo(), r.by(), row, -1));
            } else if (oc instanceof CompanyImport.Unresolved u && !u.failure() && cs.defaultCompanyNo() != null) {
                choices.add(new Choice(o, cs.defaultCompanyNo(), ChosenBy.COMPANY_DEFAULT_FALLBACK, row, -1));
            } else if (oc instanceof CompanyImport.Unresolved u) {
                out.fail(ORDER, o.id(), u.failure() ? u.code() : "NEEDS_CUSTOMER", u.failure() ? u.message()
                        : "SYNC-28: the order's company gets no ERP customer (" + u.code() + ": " + u.message()
                          + ") and the connection's defaultCompanyNo is empty");
            } else {
                out.fail(ORDER, o.id(), "COMPANY_NOT_FOUND", "SYNC-28: the order's company " + o.companyId() + " no longer exists");
            }
        }
    }

    private static Candidate candidate(StoreOrder o) {
        Address billTo = o.billToOrShipTo();
        String country = billTo == null ? null : billTo.countryCode();
        String phone = Phones.e164(billTo != null && !Normalize.blank(billTo.phone()) ? billTo.phone() : o.customerPhone(), country);
        return new Candidate(o.id().toString(), o.customerId(), Normalize.email(o.customerEmail()), phone, billTo);
    }
}
