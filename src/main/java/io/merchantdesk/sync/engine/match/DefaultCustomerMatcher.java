package io.merchantdesk.sync.engine.match;

import java.util.List;

/** DEFAULT_CUSTOMER: always the connection's default customer (SYNC-3); never discovers or creates. */
public final class DefaultCustomerMatcher implements CustomerMatcher {
    @Override
    public void prefetch(MatchBatch batch, List<Candidate> candidates) {
    }

    @Override
    public Match match(MatchBatch b, Candidate c) {
        String no = b.settings.defaultCustomerNo();
        return no == null ? new Match.NotFound() : new Match.Found(no, "DEFAULT_CUSTOMER");
    }

    @Override
    public boolean discovers() {
        return false;
    }
}
