package io.merchantdesk.sync.engine.match;

import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.Address;
import io.merchantdesk.sync.engine.Model.ErpCard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * BY_BILL_TO_INFO: link first, then the bill-to address: address lines case-insensitive and trimmed; post
 * code, city and country exact; name as the name source composes it (SYNC-3).
 */
public final class ByBillToInfoMatcher implements CustomerMatcher {
    @Override
    public void prefetch(MatchBatch b, List<Candidate> candidates) {
        Set<List<String>> pairs = new HashSet<>();
        for (Candidate c : candidates) {
            Address a = c.billTo();
            if (a != null && a.countryCode() != null && a.zip() != null) pairs.add(List.of(a.countryCode(), a.zip()));
        }
        b.billToCandidates = b.consumerCards(b.erp.byCountryAndPostCode(pairs));
    }

    @Override
    public Match match(MatchBatch b, Candidate c) {
        if (c.customerId() != null && b.links.containsKey(c.customerId())) {
            return new Match.Found(b.links.get(c.customerId()), "LINK");
        }
        Address a = c.billTo();
        if (a == null) return new Match.NotFound();
        String name = b.settings.nameSource().strategy().compose(a.firstName(), a.lastName(), a.company());
        List<ErpCard> hits = new ArrayList<>();
        for (ErpCard card : b.billToCandidates) {
            var d = card.data();
            if (Objects.equals(d.countryCode(), a.countryCode()) && Objects.equals(d.postCode(), a.zip())
                    && Objects.equals(d.city(), a.city())
                    && Normalize.trimLower(d.address()).equals(Normalize.trimLower(a.address1()))
                    && Normalize.trimLower(d.address2()).equals(Normalize.trimLower(a.address2()))
                    && Normalize.trimLower(d.name()).equals(Normalize.trimLower(name))) {
                hits.add(card);
            }
        }
        if (hits.isEmpty()) return new Match.NotFound();
        if (hits.size() > 1) {
            return new Match.Ambiguous("SYNC-5: " + hits.size() + " ERP customers have this bill-to address: "
                    + String.join(", ", hits.stream().map(ErpCard::customerNo).sorted().toList()));
        }
        return new Match.Found(hits.get(0).customerNo(), "BILL_TO");
    }
}
