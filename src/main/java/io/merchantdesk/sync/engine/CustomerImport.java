package io.merchantdesk.sync.engine;

import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.*;
import io.merchantdesk.sync.engine.match.Candidate;
import io.merchantdesk.sync.engine.match.CustomerMatcher;
import io.merchantdesk.sync.engine.match.Match;
import io.merchantdesk.sync.engine.match.MatchBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.*;
import static io.merchantdesk.sync.engine.FlowSupport.*;

/**
 * The customer import flow (SYNC-5..9): one batch of changed store customers matched to ERP customers, cards
 * created from the template or updated, links written, on the batch's connection (one transaction per batch).
 */
@ApplicationScoped
public class CustomerImport {
    public BatchOutcome importCustomers(Batch b, ErpSession erp, Settings s, List<StoreCustomer> customers) {
        BatchOutcome out = new BatchOutcome();
        out.processed = customers.size();
        if (s.customerImport() == io.merchantdesk.sync.CustomerImport.NONE) {
            for (StoreCustomer sc : customers) {
                out.skip(CUSTOMER, sc.id(), "IMPORT_OFF", "SYNC-8: the connection's customerImport is NONE, so store customers are not imported");
            }
            return out;
        }
        long t = System.nanoTime();
        Map<UUID, String> links = validLinks(erp, b, s, customers.stream().map(StoreCustomer::id).toList());
        t = out.lap("links", t);
        MatchBatch batch = new MatchBatch(b, s, erp, links);
        List<Candidate> candidates = customers.stream().map(sc -> candidate(sc)).toList();
        t = out.lap("keys", t);
        boolean discover = s.customerImport() == io.merchantdesk.sync.CustomerImport.ALL_CUSTOMERS; // SYNC-8
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
                    if (templates == null) templates = erp.templates();
                    String key = cand.emailNorm() != null ? "e:" + cand.emailNorm() : cand.phoneE164() != null ? "p:" + cand.phoneE164() : null;
                    if (key != null && !pendingKeys.add(key)) {
                        out.fail(CUSTOMER, sc.id(), "DUPLICATE", "Another store customer of this batch has the same " + key.substring(2));
                        continue;
                    }
                    NewCard card = newCard(s, templates, sc.id().toString(), sc.firstName(), sc.lastName(), sc.address(), sc.phone(), sc.email(),
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
        Map<String, UUID> takenNos = Links.byNumber(b, s.storeId(), s.company(), newLinks.values());
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
        String planMode = b.cachedPlans();
        List<Created> created = erp.create(toCreate);
        t = out.lap("createCards", t);
        int fresh = 0;
        for (int i = 0; i < created.size(); i++) {
            newLinks.put(createdFor.get(i), created.get(i).customerNo());
            if (!created.get(i).existed()) fresh++; // an existing one was made by an attempt whose links did not commit
        }
        out.created += fresh;
        out.linked += Links.insert(b, s.storeId(), s.company(), newLinks, "STORE") - fresh;
        b.restorePlans(planMode);
        t = out.lap("insertLinks", t);
        out.updated += erp.update(updates).size();
        t = out.lap("updateCards", t);
        Links.touch(b, s.storeId(), touched, "STORE");
        out.lap("touchLinks", t);
        return out;
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
}
