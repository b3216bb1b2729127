package io.merchantdesk.sync.engine.match;

import io.merchantdesk.sync.engine.Model.Address;
import java.util.UUID;

/** What the store knows about the customer of an order (or a store customer): the keys matching looks at. */
public record Candidate(String recordId, UUID customerId, String emailNorm, String phoneE164, Address billTo) {
}
