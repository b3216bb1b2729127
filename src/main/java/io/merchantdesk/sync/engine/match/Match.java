package io.merchantdesk.sync.engine.match;

/** The outcome of looking for the ERP customer of a candidate. */
public sealed interface Match {
    /** Found: the customer number and the rule that found it (LINK, EMAIL, PHONE, BILL_TO, DEFAULT_CUSTOMER). */
    record Found(String customerNo, String rule) implements Match {}

    record NotFound() implements Match {}

    /** SYNC-5: two or more ERP customers fit; reported, never resolved by chance. */
    record Ambiguous(String message) implements Match {}
}
