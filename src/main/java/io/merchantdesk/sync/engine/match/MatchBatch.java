package io.merchantdesk.sync.engine.match;

import io.merchantdesk.sync.engine.Batch;
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

    static Set<String> keys(List<Candidate> candidates, java.util.function.Function<Candidate, String> key) {
        Set<String> out = new HashSet<>();
        for (Candidate c : candidates) {
            String k = key.apply(c);
            if (k != null) out.add(k);
        }
        return out;
    }
}
