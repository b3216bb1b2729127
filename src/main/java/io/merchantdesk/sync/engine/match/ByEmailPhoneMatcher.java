package io.merchantdesk.sync.engine.match;

import io.merchantdesk.sync.engine.Model.ErpCard;
import java.util.List;
import java.util.Map;

/** BY_EMAIL_PHONE: link first, then e-mail (trimmed, case-insensitive), then phone in E.164 (SYNC-3, SYNC-5). */
public final class ByEmailPhoneMatcher implements CustomerMatcher {
    @Override
    public void prefetch(MatchBatch b, List<Candidate> candidates) {
        Map<String, List<ErpCard>> byEmail = b.erp.byEmails(MatchBatch.keys(candidates, Candidate::emailNorm));
        Map<String, List<ErpCard>> byPhone = b.erp.byPhones(MatchBatch.keys(candidates, Candidate::phoneE164));
        Map<String, List<ErpCard>> all = new java.util.HashMap<>();
        byEmail.forEach((k, v) -> all.put("e:" + k, v));
        byPhone.forEach((k, v) -> all.put("p:" + k, v));
        Map<String, List<ErpCard>> kept = b.consumerCards(all); // one lookup for both keys
        b.byEmail = new java.util.HashMap<>();
        b.byPhone = new java.util.HashMap<>();
        kept.forEach((k, v) -> (k.startsWith("e:") ? b.byEmail : b.byPhone).put(k.substring(2), v));
    }

    @Override
    public Match match(MatchBatch b, Candidate c) {
        if (c.customerId() != null && b.links.containsKey(c.customerId())) {
            return new Match.Found(b.links.get(c.customerId()), "LINK");
        }
        if (c.emailNorm() != null) {
            Match m = pick(b.byEmail.get(c.emailNorm()), "EMAIL", "e-mail " + c.emailNorm());
            if (m != null) return m;
        }
        if (c.phoneE164() != null) {
            Match m = pick(b.byPhone.get(c.phoneE164()), "PHONE", "phone " + c.phoneE164());
            if (m != null) return m;
        }
        return new Match.NotFound();
    }

    private static Match pick(List<ErpCard> cards, String rule, String what) {
        if (cards == null || cards.isEmpty()) return null;
        if (cards.size() > 1) {
            return new Match.Ambiguous("SYNC-5: " + cards.size() + " ERP customers have " + what + ": "
                    + String.join(", ", cards.stream().map(ErpCard::customerNo).sorted().toList()));
        }
        return new Match.Found(cards.get(0).customerNo(), rule);
    }
}
