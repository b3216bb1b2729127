package io.merchantdesk.b2b;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A B2B customer organisation of a store; it buys through its locations. */
@Entity
@Table(name = "companies")
public class Company extends BaseEntity {
    @Column(nullable = false, updatable = false)
    public UUID storeId;
    public String name;
    public String externalId;
    public String note;
    /**
     * One of the company's own contacts (company_contacts.id; FK (id, main_contact_id)). Changed only through this
     * entity, so every change bumps {@code version} (the ETag); ContactService clears it before deleting that contact
     * instead of leaving it to the FK's ON DELETE SET NULL, which would not.
     */
    public UUID mainContactId;
}
