package io.merchantdesk.sync.engine;

import io.merchantdesk.kernel.contact.Countries;
import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.kernel.outbox.Outbox;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.*;
import io.merchantdesk.sync.naming.NameSource;
import io.merchantdesk.sync.naming.NameStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.*;
import static io.merchantdesk.sync.engine.FlowSupport.*;

/**
 * The customer export flow (SYNC-11..16): one batch of changed ERP customers matched to store customers (link, e-mail,
 * phone, exact), store customers created or updated, links written, invitations queued in the batch's transaction.
 */
@ApplicationScoped
public class CustomerExport {
    @Inject
    StorePort store;

    public BatchOutcome exportCustomers(Batch b, Settings s, List<ErpCard> cards) {
        BatchOutcome out = new BatchOutcome();
        out.processed = cards.size();
        List<ErpCard> valid = new ArrayList<>();
        for (ErpCard card : cards) {
            if (Normalize.validEmail(card.data().email())) valid.add(card);
            else out.skip(ERP_CUSTOMER, card.customerNo(), "NO_VALID_EMAIL", "SYNC-11: only ERP customers with a valid e-mail are exported; "
                    + "this one's email is " + (Normalize.blank(card.data().email()) ? "empty" : "'" + card.data().email() + "'"));
        }
        Map<String, UUID> linkByNo = Links.byNumber(b, s.storeId(), s.company(), valid.stream().map(ErpCard::customerNo).toList());
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        for (ErpCard card : valid) {
            emails.add(Normalize.email(card.data().email()));
            String p = Phones.e164(card.data().phone(), card.data().countryCode());
            if (p != null) phones.add(p);
        }
        Map<String, List<UUID>> byEmail = store.customersByEmail(b, s.storeId(), emails);
        Map<String, List<UUID>> byPhone = store.customersByPhone(b, s.storeId(), phones);
        Set<UUID> found = new HashSet<>(linkByNo.values());
        byEmail.values().forEach(found::addAll);
        byPhone.values().forEach(found::addAll);
        Map<UUID, StoreCustomer> existing = store.customers(b, s.storeId(), found);
        Map<UUID, String> linkOf = Links.byCustomer(b, s.storeId(), found);

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
        Links.drop(b, s.storeId(), dangling);
        List<UUID> created = store.createCustomers(b, s.storeId(), toCreate);
        for (int i = 0; i < created.size(); i++) newLinks.put(created.get(i), createdNos.get(i));
        out.created += created.size();
        out.linked += Math.max(0, Links.insert(b, s.storeId(), s.company(), newLinks, "ERP") - created.size());
        out.updated += store.updateCustomers(b, s.storeId(), updates).size();
        Links.touch(b, s.storeId(), touched, "ERP");
        if (s.inviteExportedCustomers()) invite(b, s.storeId(), created, createdEmails); // SYNC-16
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

    private static void invite(Batch b, UUID store, List<UUID> customerIds, List<String> emails) {
        b.run(c -> Outbox.emails(c, "CUSTOMER_ACCOUNT_INVITATION", "Activate your store account",
                "Your customer account has been created. Activate it to see your orders and addresses.", "customer", customerIds, emails));
    }
}
