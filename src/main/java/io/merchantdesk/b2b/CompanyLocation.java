package io.merchantdesk.b2b;

import io.merchantdesk.b2b.B2bDtos.Address;
import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A place a company buys for (a branch, a warehouse); B2B orders belong to one location. */
@Entity
@Table(name = "company_locations")
public class CompanyLocation extends BaseEntity {
    @Column(nullable = false, updatable = false)
    public UUID companyId;

    @Column(nullable = false, updatable = false)
    public UUID storeId;
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Address billingAddress;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Address shippingAddress;

    /** The location's tax registration (VAT) id as entered, trimmed; null when it has none. */
    public String taxRegistrationId;
}
