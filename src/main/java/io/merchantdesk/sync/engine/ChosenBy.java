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
    CREATED("SYNC-6"),
    /** A B2B order with companyImport NONE: the default company customer. */
    COMPANY_IMPORT_NONE_DEFAULT("SYNC-28"),
    /** A B2B order at a location that is an ERP customer of its own: sold to it, billed to the company's customer. */
    COMPANY_LOCATION("SYNC-28"),
    COMPANY_LINK("SYNC-28"),
    COMPANY_EMAIL("SYNC-21"),
    COMPANY_PHONE("SYNC-21"),
    COMPANY_TAX_ID("SYNC-21"),
    /** companyMappingType DEFAULT_COMPANY. */
    COMPANY_DEFAULT("SYNC-21"),
    COMPANY_CREATED("SYNC-22"),
    /** Nothing else gave the B2B order a customer: the default company customer. */
    COMPANY_DEFAULT_FALLBACK("SYNC-28");

    private final String rule;

    ChosenBy(String rule) {
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
