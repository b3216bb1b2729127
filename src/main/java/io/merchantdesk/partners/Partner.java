package io.merchantdesk.partners;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A partner account: an agency or freelancer that refers merchants. Members live in partner_members. */
@Entity
@Table(name = "partners")
public class Partner extends BaseEntity {
    public String name;
    public UUID createdBy;
}
