package io.merchantdesk.b2b;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A customer's membership of a company; the per-location roles are in contact_location_roles. */
@Entity
@Table(name = "company_contacts")
public class CompanyContact extends BaseEntity {
    public enum Role { LOCATION_ADMIN, ORDERING_ONLY }

    @Column(name = "company_id", nullable = false, updatable = false)
    public UUID companyId;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public UUID customerId;

    @Column(name = "store_id", nullable = false, updatable = false)
    public UUID storeId;
}
