package io.merchantdesk.sync;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A per-country (optionally per-state) customer template row of a store's connection (SYNC-1, 6, 10). */
@Entity
@Table(name = "erp_country_templates")
public class CountryTemplate extends BaseEntity {
    public UUID storeId;
    public String countryCode;
    /** '' for the whole country. */
    public String stateCode = "";
    public String defaultCustomerNo;
    public String customerTemplateCode;
    public boolean pricesIncludingVat;
    public String vatBusPostingGroup;
    public String taxAreaCode;
}
