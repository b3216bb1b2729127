package io.merchantdesk.sync.engine.match;

import io.merchantdesk.sync.engine.Batch;
import io.merchantdesk.sync.engine.CompanyLinks;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.Model.ErpCard;
import io.merchantdesk.sync.engine.Settings;
import java.util.*;

/**
 * Everything matching one batch needs, loaded by the matcher's prefetch in a few set-based queries,
 * plus the customers created earlier in the same batch (so two orders of one new customer create one card).
 */
public final class MatchBatch {
    public final Batch batch;
    public final Settings settings;
    public final ErpSession erp;
    /** Valid links of the batch's customers (dangling ones already dropped, SYNC-5). */
    public final Map<UUID, String> links;
    public Map<String, List<ErpCard>> byEmail = Map.of();
    public Map<String, List<ErpCard>> byPhone = Map.of();
    public List<ErpCard> billToCandidates = List.of();
    /** Keys of cards created earlier in this batch → their pending index. */
    public final Map<String, Integer> createdKeys = new HashMap<>();

    public MatchBatch(Batch batch, Settings settings, ErpSession erp, Map<UUID, String> links) {
        this.batch = batch;
        this.settings = settings;
        this.erp = erp;
        this.links = links;
    }

    /**
     * The cards without those that are a B2B company's or a company location's own ERP customer (SYNC-21): a consumer is
     * never matched to a company's card (whose e-mail is its main contact's), so neither side overwrites the other.
     */
    List<ErpCard> consumerCards(List<ErpCard> cards) {
        if (cards.isEmpty()) return cards;
        Set<String> nos = new HashSet<>();
        cards.forEach(c -> nos.add(c.customerNo()));
        Set<String> b2b = new HashSet<>(CompanyLinks.byNumber(batch, settings.storeId(), settings.company(), nos).keySet());
        b2b.addAll(CompanyLinks.locationsByNumber(batch, settings.storeId(), settings.company(), nos).keySet());
        return b2b.isEmpty() ? cards : cards.stream().filter(c -> !b2b.contains(c.customerNo())).toList();
    }

    /** {@link #consumerCards} of each key's cards; keys left without any are dropped. */
    Map<String, List<ErpCard>> consumerCards(Map<String, List<ErpCard>> byKey) {
        List<ErpCard> all = new ArrayList<>();
        byKey.values().forEach(all::addAll);
        Set<ErpCard> kept = new HashSet<>(consumerCards(all));
        if (kept.size() == all.size()) return byKey;
        Map<String, List<ErpCard>> out = new HashMap<>();
        byKey.forEach((k, list) -> {
            List<ErpCard> l = list.stream().filter(kept::contains).toList();
            if (!l.isEmpty()) out.put(k, l);
        });
        return out;
    }

    static Set<String> keys(List<Candidate> candidates, java.util.function.Function<Candidate, String> key) {
        Set<String> out = new HashSet<>();
        for (Candidate c : candidates) {
            String k = key.apply(c);
            if (k != null) out.add(k);
        }
        return out;
    }
}
