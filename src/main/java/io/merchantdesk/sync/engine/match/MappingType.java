package io.merchantdesk.sync.engine.match;

/** The customerMappingType setting; each value carries its matching strategy (SYNC-3). */
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
