package io.merchantdesk.sync.engine;

import io.merchantdesk.sync.CompanyLocationsAs;
import io.merchantdesk.sync.CompanyMappingType;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.*;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.*;
import java.util.function.Function;
import static io.merchantdesk.sync.engine.FlowSupport.*;

/**
 * The company import flow (SYNC-21..25): a batch of store companies, each resolved to its ERP customer (its link,
 * else matched by companyMappingType, else created from the template of its default location's country), the card
 * updated from the company where the store may, and every other location written as a ship-to address or a customer of
 * its own. Used by a CUSTOMERS run's company phase and, for the companies of B2B orders, by the order import (SYNC-28).
 * All ERP calls are batched: a constant number per batch, whatever its size.
 */
@ApplicationScoped
public class CompanyImport {
    /** What a company resolved to: its ERP customer and the rule, or why it has none. */
    public sealed interface Outcome permits Resolved, Unresolved {}

    public record Resolved(String customerNo, ChosenBy by) implements Outcome {}

    /**
     * No ERP customer: {@code failure} (an error a person must look at; an order fails with it) or a skip (a setting or
     * missing data decided it; an order falls back to the default company).
     */
    public record Unresolved(String code, String message, boolean failure) implements Outcome {}

    /** A CUSTOMERS run's batch of changed or pending companies; skips and failures are recorded per company. */
    public BatchOutcome importCompanies(Batch b, ErpSession erp, Settings s, List<StoreCompany> companies) {
        BatchOutcome out = new BatchOutcome();
        out.processed = companies.size();
        resolve(b, erp, s, companies, false, out).forEach((id, o) -> {
            if (o instanceof Unresolved u) {
                if (u.failure()) out.fail(COMPANY, id, u.code(), u.message());
                else out.skip(COMPANY, id, u.code(), u.message());
            }
        });
        return out;
    }

    /** The companies of an ORDERS batch's B2B orders, imported as companyImport says (SYNC-28); counters go to {@code out}. */
    public Map<UUID, Outcome> forOrders(Batch b, ErpSession erp, Settings s, List<StoreCompany> companies, BatchOutcome out) {
        return resolve(b, erp, s, companies, true, out);
    }

    /** A company on its way to its ERP customer: found (by link or match) or to be created. */
    private record Hit(StoreCompany company, String customerNo, ChosenBy by, boolean newLink) {}

    private Map<UUID, Outcome> resolve(Batch b, ErpSession erp, Settings s, List<StoreCompany> companies, boolean forOrders, BatchOutcome out) {
        Settings.Companies cs = s.companies();
        Map<UUID, Outcome> result = new LinkedHashMap<>();
        if (cs.companyImport() == io.merchantdesk.sync.CompanyImport.NONE) {
            for (StoreCompany co : companies) {
                result.put(co.id(), new Unresolved("IMPORT_OFF", "SYNC-22: the connection's companyImport is NONE, so companies are not imported", false));
            }
            return result;
        }
        long t = System.nanoTime();
        Map<UUID, String> links = CompanyLinks.byCompany(b, s.storeId(), companies.stream().map(StoreCompany::id).toList());
        Map<String, ErpCard> linkedCards = links.isEmpty() ? Map.of() : erp.byNumbers(new HashSet<>(links.values()));
        t = out.lap("companyLinks", t);
        List<Hit> hits = new ArrayList<>();
        List<StoreCompany> toMatch = new ArrayList<>();
        for (StoreCompany co : companies) {
            String linked = links.get(co.id());
            if (linked != null) {
                if (!linkedCards.containsKey(linked)) { // SYNC-25: never silently relinked or recreated
                    result.put(co.id(), new Unresolved("ERP_CUSTOMER_DELETED", "SYNC-25: the company is linked to ERP customer " + linked
                            + ", which no longer exists in the ERP; unlink the company (DELETE /stores/{storeId}/company-links/"
                            + co.id() + ") to match or create its ERP customer again, or link it to another one", true));
                } else {
                    hits.add(new Hit(co, linked, ChosenBy.COMPANY_LINK, false));
                }
                continue;
            }
            Unresolved missing = missingData(co);
            if (missing != null) {
                result.put(co.id(), missing);
            } else if (!forOrders && cs.companyImport() == io.merchantdesk.sync.CompanyImport.WITH_ORDER_IMPORT) {
                result.put(co.id(), new Unresolved("NOT_LINKED", "SYNC-22: companyImport is WITH_ORDER_IMPORT, which only refreshes companies "
                        + "already linked to an ERP customer, and this one is not linked (it is imported with its first B2B order; set "
                        + "companyImport to ALL_COMPANIES, or link it by hand)", false));
            } else if (cs.mappingType() == CompanyMappingType.DEFAULT_COMPANY) {
                result.put(co.id(), forOrders && cs.defaultCompanyNo() != null
                        ? new Resolved(cs.defaultCompanyNo(), ChosenBy.COMPANY_DEFAULT)
                        : new Unresolved("DEFAULT_COMPANY", "SYNC-21: companyMappingType is DEFAULT_COMPANY: the company's B2B orders go to "
                          + "the default company customer " + cs.defaultCompanyNo() + ", which is never overwritten from a company", false));
            } else {
                toMatch.add(co);
            }
        }
        Map<UUID, List<ErpCard>> candidates = new HashMap<>();
        Map<UUID, ChosenBy> via = new HashMap<>();
        match(b, erp, s, toMatch, candidates, via);
        t = out.lap("companyCandidates", t);

        Set<String> claimed = new HashSet<>();
        Map<String, UUID> takenByOthers = CompanyLinks.byNumber(b, s.storeId(), s.company(), candidates.values().stream()
                .filter(l -> l.size() == 1).map(l -> l.get(0).customerNo()).toList());
        List<StoreCompany> toCreate = new ArrayList<>();
        for (StoreCompany co : toMatch) {
            List<ErpCard> found = candidates.getOrDefault(co.id(), List.of());
            if (found.size() > 1) {
                result.put(co.id(), new Unresolved("AMBIGUOUS_MATCH", "SYNC-21: " + found.size() + " ERP customers match by " + via.get(co.id())
                        + " (" + String.join(", ", found.stream().map(ErpCard::customerNo).toList()) + "); link the company by hand", true));
            } else if (found.size() == 1) {
                String no = found.get(0).customerNo();
                UUID other = takenByOthers.get(no);
                if ((other != null && !other.equals(co.id())) || !claimed.add(no)) {
                    result.put(co.id(), new Unresolved("DUPLICATE", "SYNC-21: ERP customer " + no + " matches, but it is already the customer of "
                            + (other != null ? "company " + other : "another company of this batch") + " (one company per ERP customer)", true));
                } else {
                    hits.add(new Hit(co, no, via.get(co.id()), true));
                }
            } else if (cs.autoCreate()) {
                toCreate.add(co);
            } else {
                result.put(co.id(), new Unresolved("NO_MATCH", "SYNC-22: no ERP customer matches (companyMappingType " + cs.mappingType()
                        + ") and autoCreateUnknownCompanies is off; create or link one by hand", false));
            }
        }

        // ---- what to write in the ERP: new company cards, updates, and the locations of companies written now ----
        Map<String, Template> templates = null;
        List<NewCard> newCards = new ArrayList<>();
        List<StoreCompany> cardFor = new ArrayList<>();
        Set<String> newKeys = new HashSet<>();
        for (StoreCompany co : toCreate) {
            String key = matchKey(s, co);
            if (key != null && !newKeys.add(key)) {
                result.put(co.id(), new Unresolved("DUPLICATE", "SYNC-21: another company of this batch has the same " + key.substring(2)
                        + "; only one ERP customer is created for it", true));
                continue;
            }
            if (templates == null) templates = erp.templates();
            StoreLocation l = co.defaultLocation();
            Object made = newCard(s, templates, "company:" + co.id(), l.address(), companyCard(s, co, true));
            if (made instanceof Unresolved u) result.put(co.id(), u);
            else {
                newCards.add((NewCard) made);
                cardFor.add(co);
            }
        }
        Map<String, CardData> updates = new LinkedHashMap<>();
        List<Hit> withLocations = new ArrayList<>();
        List<UUID> touched = new ArrayList<>();
        for (Hit h : hits) {
            if (cs.storeCanUpdate()) updates.put(h.customerNo(), companyCard(s, h.company(), false)); // SYNC-22: never the e-mail
            else if (!h.newLink() && !forOrders) {
                result.put(h.company().id(), new Unresolved("UPDATE_OFF", "SYNC-22: linked to ERP customer " + h.customerNo()
                        + "; storeCanUpdateCompanies is off, so the ERP customer is left as it is", false));
            }
            if (h.newLink() || cs.storeCanUpdate()) withLocations.add(h);
            if (!h.newLink()) touched.add(h.company().id());
        }
        // SYNC-24, OWN_CUSTOMERS: the other locations' own customers, made in the same create call
        Map<UUID, String> locationLinks = Map.of();
        Map<UUID, UUID> locationCompany = new HashMap<>();
        List<UUID> locationCardFor = new ArrayList<>();
        boolean ownCustomers = cs.locationsAs() == CompanyLocationsAs.OWN_CUSTOMERS;
        if (ownCustomers) {
            List<StoreCompany> written = new ArrayList<>(withLocations.stream().map(Hit::company).toList());
            written.addAll(cardFor);
            List<UUID> others = new ArrayList<>();
            for (StoreCompany co : written) {
                for (StoreLocation l : others(co)) {
                    others.add(l.id());
                    locationCompany.put(l.id(), co.id());
                }
            }
            locationLinks = CompanyLinks.byLocation(b, s.storeId(), others);
            // SYNC-25 for locations: a location deleted in the store (or now the default one) no longer has its own customer
            // here; the ERP customer is kept and the drop is reported, never silent
            Map<UUID, StoreCompany> byId = new HashMap<>();
            written.forEach(co -> byId.put(co.id(), co));
            List<UUID> gone = new ArrayList<>();
            for (CompanyLinks.LocationLink ll : CompanyLinks.locationLinksOf(b, s.storeId(), byId.keySet())) {
                if (locationCompany.containsKey(ll.locationId())) continue;
                gone.add(ll.locationId());
                if (!forOrders) {
                    out.skip(COMPANY, ll.companyId(), "LOCATION_DELETED_IN_STORE", "SYNC-25: location " + ll.locationId() + " is no longer one "
                            + "of the company's other locations; its own ERP customer " + ll.customerNo() + " is kept in the ERP and no longer "
                            + "linked; delete it there if it should go");
                }
            }
            CompanyLinks.deleteLocationLinks(b, s.storeId(), gone);
            for (StoreCompany co : written) {
                for (StoreLocation l : others(co)) {
                    String own = locationLinks.get(l.id());
                    CardData data = locationCard(s, co, l);
                    if (own != null) {
                        if (cs.storeCanUpdate()) updates.put(own, data);
                        continue;
                    }
                    if (l.address() == null) continue; // nothing to make a customer of; it gets one when it has an address
                    if (templates == null) templates = erp.templates();
                    Object made = newCard(s, templates, "location:" + l.id(), l.address(), data);
                    if (made instanceof NewCard card) {
                        newCards.add(card);
                        locationCardFor.add(l.id());
                    } else if (!forOrders) {
                        Unresolved u = (Unresolved) made;
                        out.fail(COMPANY, co.id(), u.code(), "Location " + l.id() + ": " + u.message());
                    }
                }
            }
        }

        t = out.lap("companyDecide", t);
        List<Created> created = erp.create(newCards); // committed in the ERP first; references make a replay find them
        t = out.lap("companyCreateCards", t);
        Map<UUID, String> newLinks = new LinkedHashMap<>();
        for (Hit h : hits) if (h.newLink()) newLinks.put(h.company().id(), h.customerNo());
        int fresh = 0;
        for (int i = 0; i < cardFor.size(); i++) {
            Created c = created.get(i);
            StoreCompany co = cardFor.get(i);
            newLinks.put(co.id(), c.customerNo());
            if (!c.existed()) fresh++;
            withLocations.add(new Hit(co, c.customerNo(), ChosenBy.COMPANY_CREATED, true));
        }
        Map<UUID, String> newLocationLinks = new LinkedHashMap<>();
        for (int i = 0; i < locationCardFor.size(); i++) {
            Created c = created.get(cardFor.size() + i);
            newLocationLinks.put(locationCardFor.get(i), c.customerNo());
            if (!c.existed()) out.created++;
        }
        out.created += fresh;
        String planMode = b.cachedPlans(); // the links' foreign-key checks with cached plans, as CustomerImport's (Batch#cachedPlans)
        out.linked += Math.max(0, CompanyLinks.insert(b, s.storeId(), s.company(), newLinks, "STORE") - fresh);
        CompanyLinks.insertLocations(b, s.storeId(), s.company(), newLocationLinks, locationCompany);
        b.restorePlans(planMode);
        t = out.lap("companyInsertLinks", t);
        out.updated += erp.update(updates).size();
        t = out.lap("companyUpdateCards", t);
        if (!ownCustomers) { // SYNC-24, SHIP_TO_ADDRESSES: the other locations become exactly the card's ship-to addresses
            Map<String, List<ShipTo>> shipTos = new LinkedHashMap<>();
            for (Hit h : withLocations) shipTos.put(h.customerNo(), shipTos(s, h.company()));
            erp.putShipTos(shipTos);
        }
        t = out.lap("companyShipTos", t);
        CompanyLinks.touch(b, s.storeId(), touched, "STORE");
        out.lap("companyTouchLinks", t);
        for (Hit h : hits) result.putIfAbsent(h.company().id(), new Resolved(h.customerNo(), h.by()));
        for (int i = 0; i < cardFor.size(); i++) result.put(cardFor.get(i).id(), new Resolved(created.get(i).customerNo(), ChosenBy.COMPANY_CREATED));
        return result;
    }

    /** SYNC-23: what a company needs before it can be matched or created, as a skip with its reason; null when it has it. */
    private static Unresolved missingData(StoreCompany co) {
        if (co.mainContact() == null) {
            return new Unresolved("MAIN_CONTACT_MISSING", "SYNC-23: the company has no main contact (mainContactId), whose e-mail and phone "
                    + "match it and whose name and e-mail its ERP customer gets; set one (PATCH /stores/{storeId}/companies/" + co.id() + ")", false);
        }
        if (co.defaultLocation() == null) {
            return new Unresolved("NO_LOCATION", "SYNC-23: the company has no location; its first location gives its ERP customer's address "
                    + "and tax id", false);
        }
        return null;
    }

    /**
     * SYNC-21, batched per stage: by tax id (normalised) when the mapping says so, then (for BY_EMAIL_PHONE, or as the
     * opt-in fallback) the main contact's e-mail, then the phone for those the e-mail did not find. An ERP customer that is
     * a store customer's (a consumer's card, customer_links) or a location's own customer is no company's candidate.
     */
    private static void match(Batch b, ErpSession erp, Settings s, List<StoreCompany> companies, Map<UUID, List<ErpCard>> candidates,
                              Map<UUID, ChosenBy> via) {
        Settings.Companies cs = s.companies();
        List<StoreCompany> left = companies;
        if (cs.mappingType() == CompanyMappingType.BY_TAX_ID) {
            left = stage(b, erp, s, left, co -> Normalize.taxId(co.defaultLocation().taxRegistrationId()),
                    keys -> erp.byTaxIds(cs.taxIdField(), keys), ChosenBy.COMPANY_TAX_ID, candidates, via);
            if (!cs.taxIdFallback()) return;
        }
        left = stage(b, erp, s, left, co -> Normalize.email(co.mainContact().email()), erp::byEmails, ChosenBy.COMPANY_EMAIL, candidates, via);
        stage(b, erp, s, left, co -> co.mainContact().phoneE164(), erp::byPhones, ChosenBy.COMPANY_PHONE, candidates, via);
    }

    /** One lookup for the stage's keys; returns the companies it found nothing for. */
    private static List<StoreCompany> stage(Batch b, ErpSession erp, Settings s, List<StoreCompany> companies, Function<StoreCompany, String> key,
                                            Function<Collection<String>, Map<String, List<ErpCard>>> lookup, ChosenBy by,
                                            Map<UUID, List<ErpCard>> candidates, Map<UUID, ChosenBy> via) {
        if (companies.isEmpty()) return companies;
        Map<UUID, String> keys = new HashMap<>();
        for (StoreCompany co : companies) {
            String k = key.apply(co);
            if (k != null) keys.put(co.id(), k);
        }
        Map<String, List<ErpCard>> found = keys.isEmpty() ? Map.of() : lookup.apply(new HashSet<>(keys.values()));
        Set<String> nos = new HashSet<>();
        found.values().forEach(l -> l.forEach(card -> nos.add(card.customerNo())));
        Set<String> notCompanies = new HashSet<>(Links.byNumber(b, s.storeId(), s.company(), nos).keySet());
        notCompanies.addAll(CompanyLinks.locationsByNumber(b, s.storeId(), s.company(), nos).keySet());
        List<StoreCompany> left = new ArrayList<>();
        for (StoreCompany co : companies) {
            List<ErpCard> cards = keys.containsKey(co.id()) ? found.getOrDefault(keys.get(co.id()), List.of()) : List.of();
            List<ErpCard> usable = cards.stream().filter(card -> !notCompanies.contains(card.customerNo()))
                    .sorted(Comparator.comparing(ErpCard::customerNo)).toList();
            if (usable.isEmpty()) left.add(co);
            else {
                candidates.put(co.id(), usable);
                via.put(co.id(), by);
            }
        }
        return left;
    }

    /** The key two companies of one batch must not share when both would get a new ERP customer. */
    private static String matchKey(Settings s, StoreCompany co) {
        if (s.companies().mappingType() == CompanyMappingType.BY_TAX_ID) {
            String tax = Normalize.taxId(co.defaultLocation().taxRegistrationId());
            if (tax != null) return "t:" + tax;
        }
        String email = Normalize.email(co.mainContact().email());
        if (email != null) return "e:" + email;
        return co.mainContact().phoneE164() == null ? null : "p:" + co.mainContact().phoneE164();
    }

    /**
     * SYNC-22: a company's card: its name, the main contact's name as Contact (and e-mail when {@code withEmail}: on
     * create only), the default location's address and phone (else the contact's phone), and its tax id in the chosen field.
     */
    static CardData companyCard(Settings s, StoreCompany co, boolean withEmail) {
        StoreLocation l = co.defaultLocation();
        Address a = l == null ? null : l.address();
        MainContact m = co.mainContact();
        String phone = a != null && !Normalize.blank(a.phone()) ? a.phone() : m == null ? null : m.phone();
        String email = withEmail && m != null ? Normalize.firstEmail(m.email()) : null;
        return card(s, co.name(), null, m == null ? null : m.fullName(), a, phone, email, l == null ? null : l.taxRegistrationId());
    }

    /** SYNC-24, OWN_CUSTOMERS: a location's own card: the company's name, the location's name as Name 2, its address and tax id; no e-mail. */
    private static CardData locationCard(Settings s, StoreCompany co, StoreLocation l) {
        Address a = l.address();
        return card(s, co.name(), l.name(), co.mainContact() == null ? null : co.mainContact().fullName(), a, a == null ? null : a.phone(), null,
                l.taxRegistrationId());
    }

    private static CardData card(Settings s, String name, String name2, String contact, Address a, String phone, String email, String taxId) {
        String tax = Normalize.emptyToNull(taxId);
        boolean reg = s.companies().taxIdField() == TaxIdField.REGISTRATION_NUMBER;
        if (a == null) return new CardData(name, name2, contact, null, null, null, null, null, null, phone, email, reg ? tax : null, reg ? null : tax);
        return new CardData(name, name2, contact, a.address1(), a.address2(), a.city(), a.zip(), s.countySource().toErp(a.provinceCode(), a.province()),
                a.countryCode(), phone, email, reg ? tax : null, reg ? null : tax);
    }

    /** The company's locations after its default one (none when it has no location at all, say a company linked by hand). */
    private static List<StoreLocation> others(StoreCompany co) {
        return co.locations().isEmpty() ? List.of() : co.locations().subList(1, co.locations().size());
    }

    /** SYNC-24: the company's locations after the default one that have an address, as ship-to addresses. */
    private static List<ShipTo> shipTos(Settings s, StoreCompany co) {
        List<ShipTo> out = new ArrayList<>();
        for (StoreLocation l : others(co)) {
            Address a = l.address();
            if (a == null) continue; // nothing to ship to
            out.add(new ShipTo(Model.shipToCode(l.id()), l.name(), a.address1(), a.address2(), a.city(), a.zip(),
                    s.countySource().toErp(a.provinceCode(), a.province()), a.countryCode()));
        }
        return out;
    }

    /**
     * A card from the template of the address's country row, else the connection's (SYNC-22, as SYNC-6/7 for customers), or
     * the {@link Unresolved} failure that says why it cannot be made.
     */
    private static Object newCard(Settings s, Map<String, Template> templates, String reference, Address a, CardData data) {
        if (a == null) {
            return new Unresolved("NO_ADDRESS", "SYNC-22: the default location has neither a billing nor a shipping address; an ERP customer "
                    + "is created only from one", true);
        }
        Settings.CountryRow row = s.row(a.countryCode(), a.provinceCode());
        String code = row != null && row.customerTemplateCode() != null ? row.customerTemplateCode() : s.customerTemplateCode();
        if (code == null) {
            return new Unresolved("TEMPLATE_MISSING", "SYNC-22: no customer template: " + (row == null ? "no per-country row for " : "the "
                    + "per-country row for ") + a.countryCode() + (row == null ? "" : " has no customerTemplateCode")
                    + " and the connection's customerTemplateCode is empty", true);
        }
        Template t = templates.get(code);
        if (t == null) return new Unresolved("TEMPLATE_NOT_FOUND", "SYNC-22: customer template " + code + " does not exist in the ERP company", true);
        if (!t.missingFields().isEmpty()) {
            return new Unresolved("TEMPLATE_INCOMPLETE", "SYNC-7: customer template " + code + " lacks " + String.join(", ", t.missingFields()), true);
        }
        return new NewCard(reference, data, t, row == null ? null : row.vatBusPostingGroup(), row == null ? null : row.taxAreaCode());
    }
}
