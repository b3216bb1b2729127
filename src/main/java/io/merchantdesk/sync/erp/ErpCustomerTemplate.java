package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The default values a new customer card gets. */
@Entity
@Table(name = "erp_customer_templates")
public class ErpCustomerTemplate extends BaseEntity {
    public UUID erpCompanyId;
    public String code;
    public String description;
    public String genBusPostingGroup;
    public String customerPostingGroup;
    public String vatBusPostingGroup;
    public String taxAreaCode;
    public String paymentTermsCode;
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
