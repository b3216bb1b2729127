package io.merchantdesk.sync.engine.match;

import java.util.List;

/** One strategy per customerMappingType (SYNC-3). */
public interface CustomerMatcher {
    /** Loads what matching the batch needs (set-based). */
    void prefetch(MatchBatch batch, List<Candidate> candidates);

    Match match(MatchBatch batch, Candidate candidate);

    /** Whether a miss may lead to creating a customer (SYNC-3: not for DEFAULT_CUSTOMER). */
    default boolean discovers() {
        return true;
    }
}
