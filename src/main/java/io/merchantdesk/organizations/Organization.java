package io.merchantdesk.organizations;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A group of stores with one owner and one billing setup. The billing currency never changes (ORG-5). */
@Entity
@Table(name = "organizations")
public class Organization extends BaseEntity {
    public String name;
    public UUID ownerId;

    @Column(updatable = false)
    public String billingCurrency;
    public boolean plus;
}
