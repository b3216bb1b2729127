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
    public UUID erpCompanyId;
    public String customerNo;
    public String name = "";
    public String name2;
    public String contact;
    public String address;
    public String address2;
    public String city;
    public String postCode;
    public String county;
    public String countryCode;
    public String phone;

    @Column(name = "phone_e164")
    public String phoneE164;
    public String email;
    public String emailNorm;

    /** A company's tax registration ids (SYNC-21); the matching keys are generated columns, not mapped here. */
    public String registrationNo;
    public String vatRegistrationNo;
    public String genBusPostingGroup;
    public String customerPostingGroup;
    public String vatBusPostingGroup;
    public String taxAreaCode;
    public String paymentTermsCode;
    public boolean pricesIncludingVat;
    public boolean blocked;
    public String templateCode;

    /** When a mapped field last changed (the export watermark reads it). */
    public Instant changedAt;

    /** Set equal to changed_at when the sync itself wrote the card (SYNC-19). */
    public Instant storeWrittenAt;
}
