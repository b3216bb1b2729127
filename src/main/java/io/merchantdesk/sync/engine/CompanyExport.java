package io.merchantdesk.sync.engine;

import io.merchantdesk.kernel.contact.Countries;
import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.*;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.*;
import static io.merchantdesk.sync.engine.FlowSupport.*;

/**
 * ERP customers towards store companies: the export a person asks for (SYNC-26: a customer becomes a company with one
 * location and its main contact, or one more location of a company), and the changes of linked customers that a CUSTOMERS
 * run brings to their companies (SYNC-27). The ERP's changes are routed here first: a card that is a company's or a
 * location's is never exported as a consumer customer as well.
 */
@ApplicationScoped
public class CompanyExport {
    @Inject
    StorePort store;

    @Inject
    CustomerExport customerExport;

    /** What the export did with one ERP customer. */
    public record Exported(String customerNo, String outcome, UUID companyId, UUID locationId, String code, String message) {
        static Exported skipped(String no, UUID companyId, String code, String message) {
            return new Exported(no, "SKIPPED", companyId, null, code, message);
        }
    }

    /**
     * SYNC-26: each ERP customer made a store company (its name, its number as external id, one location with its address,
     * phone and tax id, and its store counterpart as main contact with the default role), or with {@code addTo} one more
     * location of that company (its own ERP customer for the location's B2B orders). {@code cards}: the requested numbers
     * that exist in the ERP; the others are answered NOT_FOUND. All store writes are on the batch's transaction.
     */
    public List<Exported> export(Batch b, Settings s, List<String> requested, Map<String, ErpCard> cards, UUID addTo) {
        Settings.Companies cs = s.companies();
        List<String> nos = requested.stream().distinct().toList();
        Map<String, UUID> companyOf = CompanyLinks.byNumber(b, s.storeId(), s.company(), nos);
        Map<String, UUID> locationOf = CompanyLinks.locationsByNumber(b, s.storeId(), s.company(), nos);
        Map<String, UUID> byExternalId = store.companiesByExternalId(b, s.storeId(), nos);
        Map<String, Exported> answers = new LinkedHashMap<>();
        List<ErpCard> toCompany = new ArrayList<>();
        List<ErpCard> toLocation = new ArrayList<>();
        for (String no : nos) {
            ErpCard card = cards.get(no);
            UUID company = companyOf.getOrDefault(no, byExternalId.get(no));
            if (card == null) {
                answers.put(no, Exported.skipped(no, null, "NOT_FOUND", "SYNC-26: ERP customer " + no + " does not exist in the ERP company"));
            } else if (company != null) {
                answers.put(no, Exported.skipped(no, company, "ALREADY_A_COMPANY", "SYNC-26: ERP customer " + no + " is already company "
                        + company + "'s (one store company per ERP customer)"));
            } else if (locationOf.containsKey(no)) {
                answers.put(no, Exported.skipped(no, null, "ALREADY_A_LOCATION", "SYNC-26: ERP customer " + no + " is already location "
                        + locationOf.get(no) + "'s own customer"));
            } else if (!Countries.isIso(card.data().countryCode())) {
                answers.put(no, Exported.skipped(no, null, "COUNTRY_REQUIRED", "SYNC-26: a location's address needs an ISO 3166-1 alpha-2 "
                        + "country; the ERP customer's countryCode is " + (Normalize.blank(card.data().countryCode()) ? "empty" : "'"
                        + card.data().countryCode() + "'")));
            } else if (addTo != null) {
                toLocation.add(card);
            } else if (!Normalize.validEmail(card.data().email())) {
                answers.put(no, Exported.skipped(no, null, "NO_VALID_EMAIL", "SYNC-26: only ERP customers with a valid e-mail become companies "
                        + "(the e-mail finds or makes the main contact); this one's email is " + (Normalize.blank(card.data().email())
                        ? "empty" : "'" + card.data().email() + "'")));
            } else {
                toCompany.add(card);
            }
        }
        String role = cs.defaultContactRole().name();
        if (!toLocation.isEmpty()) {
            List<UUID> made = store.addLocations(b, s.storeId(), toLocation.stream().map(c -> addTo).toList(),
                    toLocation.stream().map(c -> location(s, c)).toList(), role);
            Map<UUID, String> links = new LinkedHashMap<>();
            Map<UUID, UUID> companyOfLocation = new HashMap<>();
            for (int i = 0; i < made.size(); i++) {
                links.put(made.get(i), toLocation.get(i).customerNo());
                companyOfLocation.put(made.get(i), addTo);
                answers.put(toLocation.get(i).customerNo(), new Exported(toLocation.get(i).customerNo(), "ADDED_AS_LOCATION", addTo, made.get(i),
                        null, null));
            }
            CompanyLinks.insertLocations(b, s.storeId(), s.company(), links, companyOfLocation);
        }
        if (!toCompany.isEmpty()) {
            Map<String, UUID> contacts = contacts(b, s, toCompany, answers);
            List<NewCompany> companies = new ArrayList<>();
            List<ErpCard> made = new ArrayList<>();
            for (ErpCard card : toCompany) {
                UUID contact = contacts.get(card.customerNo());
                if (contact == null) continue; // answered by contacts()
                companies.add(new NewCompany(card.data().name(), card.customerNo(), location(s, card), contact, role));
                made.add(card);
            }
            List<UUID[]> ids = store.createCompanies(b, s.storeId(), companies);
            Map<UUID, String> links = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                links.put(ids.get(i)[0], made.get(i).customerNo());
                answers.put(made.get(i).customerNo(), new Exported(made.get(i).customerNo(), "CREATED", ids.get(i)[0], ids.get(i)[1], null, null));
            }
            CompanyLinks.insert(b, s.storeId(), s.company(), links, "ERP");
        }
        return nos.stream().map(answers::get).toList();
    }

    /**
     * The main contact of each new company: the card's store counterpart, found by its customer link, else its e-mail, else
     * its phone, else created from the card (SYNC-13..15's mapping). Not linked to the card: the card is the company's.
     */
    private Map<String, UUID> contacts(Batch b, Settings s, List<ErpCard> cards, Map<String, Exported> answers) {
        Map<String, UUID> out = new HashMap<>();
        Map<String, UUID> linked = Links.byNumber(b, s.storeId(), s.company(), cards.stream().map(ErpCard::customerNo).toList());
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        for (ErpCard card : cards) {
            emails.add(Normalize.email(card.data().email()));
            String p = Phones.e164(card.data().phone(), card.data().countryCode());
            if (p != null) phones.add(p);
        }
        Map<String, List<UUID>> byEmail = store.customersByEmail(b, s.storeId(), emails);
        Map<String, List<UUID>> byPhone = store.customersByPhone(b, s.storeId(), phones);
        List<StoreCustomerData> toCreate = new ArrayList<>();
        List<String> createdFor = new ArrayList<>();
        Map<String, Integer> creating = new HashMap<>();
        for (ErpCard card : cards) {
            String no = card.customerNo();
            UUID found = linked.get(no);
            if (found == null) {
                List<UUID> hits = byEmail.getOrDefault(Normalize.email(card.data().email()), List.of());
                if (hits.isEmpty()) {
                    String p = Phones.e164(card.data().phone(), card.data().countryCode());
                    hits = p == null ? List.of() : byPhone.getOrDefault(p, List.of());
                }
                if (hits.size() > 1) {
                    answers.put(no, Exported.skipped(no, null, "AMBIGUOUS_MATCH", "SYNC-26: " + hits.size() + " store customers have the ERP "
                            + "customer's e-mail or phone; make one of them a contact by hand"));
                    continue;
                }
                if (hits.size() == 1) found = hits.get(0);
            }
            if (found != null) {
                out.put(no, found);
                continue;
            }
            String email = Normalize.email(card.data().email());
            if (creating.containsKey(email)) { // two ERP customers with one e-mail: one person, contact of both companies
                createdFor.add(no);
                continue;
            }
            BatchOutcome why = new BatchOutcome();
            StoreCustomerData data = CustomerExport.storeData(s, card, why);
            if (data == null) {
                BatchOutcome.RecordError e = why.errors.get(0);
                answers.put(no, Exported.skipped(no, null, e.code(), e.message()));
                continue;
            }
            creating.put(email, toCreate.size());
            toCreate.add(data);
            createdFor.add(no);
        }
        List<UUID> created = store.createCustomers(b, s.storeId(), toCreate);
        Map<String, ErpCard> byNo = new HashMap<>();
        cards.forEach(c -> byNo.put(c.customerNo(), c));
        for (String no : createdFor) out.put(no, created.get(creating.get(Normalize.email(byNo.get(no).data().email()))));
        return out;
    }

    /** The location an ERP customer becomes: named after its city (else its name), with its address, phone and tax id. */
    private static LocationData location(Settings s, ErpCard card) {
        CardData d = card.data();
        return new LocationData(Normalize.blank(d.city()) ? d.name() : d.city(), address(s, d), Normalize.emptyToNull(d.taxId(s.companies().taxIdField())));
    }

    private static Address address(Settings s, CardData d) {
        String[] province = s.countySource().toStore(d.county());
        return new Address(null, null, Normalize.emptyToNull(d.name()), d.address(), d.address2(), d.city(), province[0], province[1], d.countryCode(),
                d.postCode(), d.phone());
    }

    /**
     * A page of the ERP's changes: cards of companies and locations go to {@link #updateFromErp} (SYNC-27), the others to
     * the customer export when it is on (SYNC-11..16).
     */
    public BatchOutcome exportChanges(Batch b, Settings s, List<ErpCard> cards) {
        List<String> nos = cards.stream().map(ErpCard::customerNo).toList();
        Map<String, UUID> companyOf = CompanyLinks.byNumber(b, s.storeId(), s.company(), nos);
        Map<String, UUID> locationOf = CompanyLinks.locationsByNumber(b, s.storeId(), s.company(), nos);
        List<ErpCard> b2b = new ArrayList<>();
        List<ErpCard> consumers = new ArrayList<>();
        for (ErpCard card : cards) (companyOf.containsKey(card.customerNo()) || locationOf.containsKey(card.customerNo()) ? b2b : consumers).add(card);
        // with exportCustomersToStore off, the run reads the changes for the companies only: other cards are not its records
        BatchOutcome out = s.exportCustomersToStore() ? customerExport.exportCustomers(b, s, consumers) : new BatchOutcome();
        if (!b2b.isEmpty()) out.add(updateFromErp(b, s, b2b, companyOf, locationOf));
        return out;
    }

    /**
     * SYNC-27: with canUpdateStoreCompanies, a linked card's changes reach its company (name) and the company's default
     * location (billing address, tax id); a location's own card reaches that location. Written only where they differ,
     * stamped as the sync's writes, so the next import does not send them back (SYNC-19).
     */
    BatchOutcome updateFromErp(Batch b, Settings s, List<ErpCard> cards, Map<String, UUID> companyOf, Map<String, UUID> locationOf) {
        BatchOutcome out = new BatchOutcome();
        out.processed = cards.size();
        if (!s.companies().canUpdateStore()) {
            for (ErpCard card : cards) {
                out.skip(ERP_CUSTOMER, card.customerNo(), "UPDATE_OFF", "SYNC-27: the ERP customer is a company's; canUpdateStoreCompanies is "
                        + "off, so the company is left as it is");
            }
            return out;
        }
        Map<UUID, StoreCompany> companies = store.companies(b, s.storeId(), new HashSet<>(companyOf.values()));
        List<CompanyChange> changes = new ArrayList<>();
        List<UUID> touched = new ArrayList<>();
        TaxIdField field = s.companies().taxIdField();
        for (ErpCard card : cards) {
            String no = card.customerNo();
            CardData d = card.data();
            String tax = Normalize.emptyToNull(d.taxId(field));
            if (locationOf.containsKey(no)) {
                changes.add(new CompanyChange(null, null, locationOf.get(no), address(s, d), tax));
                continue;
            }
            StoreCompany co = companies.get(companyOf.get(no));
            if (co == null) { // SYNC-25: deleted in the store, its link kept for a person to decide
                out.fail(ERP_CUSTOMER, no, "COMPANY_DELETED_IN_STORE", "SYNC-25: ERP customer " + no + " is linked to company "
                        + companyOf.get(no) + ", which was deleted in the store; unlink it (DELETE /stores/{storeId}/company-links/"
                        + companyOf.get(no) + ") or delete the ERP customer");
                continue;
            }
            if (!Countries.isIso(d.countryCode())) {
                out.fail(ERP_CUSTOMER, no, "COUNTRY_REQUIRED", "SYNC-27: a location's address needs an ISO 3166-1 alpha-2 country; the ERP "
                        + "customer's countryCode is " + (Normalize.blank(d.countryCode()) ? "empty" : "'" + d.countryCode() + "'"));
                continue;
            }
            StoreLocation l = co.defaultLocation();
            changes.add(new CompanyChange(co.id(), Normalize.emptyToNull(d.name()), l == null ? null : l.id(), l == null ? null
                    : merged(l.billingAddress(), address(s, d)), tax));
            touched.add(co.id());
        }
        out.updated += store.updateCompanies(b, s.storeId(), changes).size();
        CompanyLinks.touch(b, s.storeId(), touched, "ERP");
        return out;
    }

    /** The card's address over the location's: a person's name on the billing address stays (the card has none). */
    private static Address merged(Address current, Address in) {
        if (current == null) return in;
        return new Address(current.firstName(), current.lastName(), in.company(), in.address1(), in.address2(), in.city(), in.provinceCode(),
                in.province(), in.countryCode(), in.zip(), in.phone());
    }
}
