package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A customer register (the built-in ERP side), owned by a user the way a store is. */
@Entity
@Table(name = "erp_companies")
public class ErpCompany extends BaseEntity {
    public String name;
    public UUID ownerId;
    public String customerNoPrefix = "C";
    public int customerNoWidth = 5;

    /** Next number of the customer number series; reserved in blocks by an UPDATE ... RETURNING. */
    public long nextCustomerNo = 10;
}
