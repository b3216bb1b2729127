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
    // Named for generated SDKs (issue 8): a bare enum name collides with others' and becomes e.g. "Status1".
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ContactRole", description = """
            A contact's role at one location of the company (B2B-6). LOCATION_ADMIN: administers the company's buying at \
            that location and places orders there. ORDERING_ONLY: places orders at that location and nothing more. \
            Either role lets the customer place B2B orders at the location; without a role there they cannot.""")
    public enum Role { LOCATION_ADMIN, ORDERING_ONLY }

    @Column(nullable = false, updatable = false)
    public UUID companyId;

    @Column(nullable = false, updatable = false)
    public UUID customerId;

    @Column(nullable = false, updatable = false)
    public UUID storeId;
}
