package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An ERP customer card. Written by the register's CRUD; the sync engine writes cards with JDBC batches. */
@Entity
@Table(name = "erp_customers")
public class ErpCustomer extends BaseEntity {
    @Column(name = "erp_company_id")
    public UUID erpCompanyId;

    @Column(name = "customer_no")
    public String customerNo;

    public String name = "";
    public String name2;
    public String contact;
    public String address;
    public String address2;
    public String city;

    @Column(name = "post_code")
    public String postCode;

    public String county;

    @Column(name = "country_code")
    public String countryCode;

    public String phone;

    @Column(name = "phone_e164")
    public String phoneE164;

    public String email;

    @Column(name = "email_norm")
    public String emailNorm;

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

    public boolean blocked;

    @Column(name = "template_code")
    public String templateCode;

    /** When a mapped field last changed (the export watermark reads it). */
    @Column(name = "changed_at")
    public Instant changedAt;

    /** Set equal to changed_at when the sync itself wrote the card (SYNC-19). */
    @Column(name = "store_written_at")
    public Instant storeWrittenAt;
}
