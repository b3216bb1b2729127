package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The default values a new customer card gets. */
@Entity
@Table(name = "erp_customer_templates")
public class ErpCustomerTemplate extends BaseEntity {
    @Column(name = "erp_company_id")
    public UUID erpCompanyId;

    public String code;
    public String description;

    @Column(name = "gen_bus_posting_group")
    public String genBusPostingGroup;

    @Column(name = "customer_posting_group")
    public String customerPostingGroup;

    @Column(name = "vat_bus_posting_group")
    public String vatBusPostingGroup;

    @Column(name = "tax_area_code")
    public String taxAreaCode;

    @Column(name = "payment_terms_code")
    public String paymentTermsCode;

    @Column(name = "prices_including_vat")
    public boolean pricesIncludingVat;

    /** SYNC-7: the fields a customer card cannot do without; empty when the template is complete. */
    public static List<String> missingFields(String genBus, String customerPosting, String vatBus, String taxArea) {
        List<String> missing = new ArrayList<>();
        if (blank(genBus)) missing.add("genBusPostingGroup");
        if (blank(customerPosting)) missing.add("customerPostingGroup");
        if (blank(vatBus) && blank(taxArea)) missing.add("vatBusPostingGroup or taxAreaCode");
        return missing;
    }

    public List<String> missingFields() {
        return missingFields(genBusPostingGroup, customerPostingGroup, vatBusPostingGroup, taxAreaCode);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
