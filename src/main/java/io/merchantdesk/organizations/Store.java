package io.merchantdesk.organizations;

import io.merchantdesk.kernel.persistence.BaseEntity;
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
    public UUID ownerId;
    public String billingCurrency;

    @Enumerated(EnumType.STRING)
    public Plan plan;
    public UUID organizationId;
    public BigDecimal outstandingBalance = BigDecimal.ZERO;
    public BigDecimal billingThreshold = new BigDecimal("500");
    public boolean needsBillingSetup;

    /** ORG-16: bills below the threshold are still outstanding and move with an ownership transfer. */
    public boolean billingThresholdReached() {
        return outstandingBalance.compareTo(billingThreshold) >= 0;
    }
}
