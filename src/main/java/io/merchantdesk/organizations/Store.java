package io.merchantdesk.organizations;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/** A shop: the unit of commerce that owns customers, companies, orders and its ERP connection. */
@Entity
@Table(name = "stores")
public class Store extends BaseEntity {
    public String name;

    @Column(name = "owner_id")
    public UUID ownerId;

    @Column(name = "billing_currency")
    public String billingCurrency;

    @Enumerated(EnumType.STRING)
    public Plan plan;

    @Column(name = "organization_id")
    public UUID organizationId;

    @Column(name = "outstanding_balance")
    public BigDecimal outstandingBalance = BigDecimal.ZERO;

    @Column(name = "billing_threshold")
    public BigDecimal billingThreshold = new BigDecimal("500");

    @Column(name = "needs_billing_setup")
    public boolean needsBillingSetup;

    /** ORG-16: bills below the threshold are still outstanding and move with an ownership transfer. */
    public boolean billingThresholdReached() {
        return outstandingBalance.compareTo(billingThreshold) >= 0;
    }
}
