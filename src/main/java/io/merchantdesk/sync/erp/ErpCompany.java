package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A customer register (the built-in ERP side), owned by a user the way a store is. */
@Entity
@Table(name = "erp_companies")
public class ErpCompany extends BaseEntity {
    public String name;

    @Column(name = "owner_id")
    public UUID ownerId;

    @Column(name = "customer_no_prefix")
    public String customerNoPrefix = "C";

    @Column(name = "customer_no_width")
    public int customerNoWidth = 5;

    /** Next number of the customer number series; reserved in blocks by an UPDATE ... RETURNING. */
    @Column(name = "next_customer_no")
    public long nextCustomerNo = 10;
}
