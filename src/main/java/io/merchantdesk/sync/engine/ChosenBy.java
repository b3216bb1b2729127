package io.merchantdesk.sync.engine;

/** How the ERP customer of an imported order was chosen, with the rule that says so. */
public enum ChosenBy {
    COUNTRY_DEFAULT("SYNC-1"),
    IMPORT_NONE_DEFAULT("SYNC-2"),
    LINK("SYNC-3"),
    EMAIL("SYNC-3"),
    PHONE("SYNC-3"),
    BILL_TO("SYNC-3"),
    DEFAULT_CUSTOMER("SYNC-3"),
    DEFAULT_FALLBACK("SYNC-3"),
    CREATED("SYNC-6");

    private final String rule;

    ChosenBy(String rule) {
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
