package io.merchantdesk.sync.engine.match;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The customerMappingType setting; each value carries its matching strategy (SYNC-3). */
@Schema(description = """
        How the ERP customer of a store customer or order is found (SYNC-3, SYNC-5).
        - BY_EMAIL_PHONE (default): by link first, then by e-mail (case-insensitive, trimmed), then by phone (E.164 with the address's
          country); two ERP customers on one key is an AMBIGUOUS_MATCH error.
        - BY_BILL_TO_INFO: by link first, then by the bill-to address (address lines case-insensitive and trimmed; post code, city and
          country exact; the name as the name sources compose it).
        - DEFAULT_CUSTOMER: always the connection's defaultCustomerNo; no matching, no creation.""")
public enum MappingType {
    BY_EMAIL_PHONE(new ByEmailPhoneMatcher()),
    BY_BILL_TO_INFO(new ByBillToInfoMatcher()),
    DEFAULT_CUSTOMER(new DefaultCustomerMatcher());

    private final CustomerMatcher matcher;

    MappingType(CustomerMatcher matcher) {
        this.matcher = matcher;
    }

    public CustomerMatcher matcher() {
        return matcher;
    }
}
