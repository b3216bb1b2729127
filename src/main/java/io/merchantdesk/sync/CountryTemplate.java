package io.merchantdesk.sync;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A per-country (optionally per-state) customer template row of a store's connection (SYNC-1, 6, 10). */
@Entity
@Table(name = "erp_country_templates")
public class CountryTemplate extends BaseEntity {
    @Column(name = "store_id") public UUID storeId;
    @Column(name = "country_code") public String countryCode;
    /** '' for the whole country. */
    @Column(name = "state_code") public String stateCode = "";
    @Column(name = "default_customer_no") public String defaultCustomerNo;
    @Column(name = "customer_template_code") public String customerTemplateCode;
    @Column(name = "prices_including_vat") public boolean pricesIncludingVat;
    @Column(name = "vat_bus_posting_group") public String vatBusPostingGroup;
    @Column(name = "tax_area_code") public String taxAreaCode;
}
