package io.merchantdesk.partners;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A POS or Plus referral submitted by a partner (PRT-1) and followed by its sales representative. */
@Entity
@Table(name = "leads")
public class Lead extends BaseEntity {
    public UUID partnerId;
    public UUID submittedBy;

    @Enumerated(EnumType.STRING)
    public LeadType type;
    public String contactName;
    public String email;
    public String emailDomain;
    public String phone;
    public String companyName;
    public String websiteUrl;
    public String websiteHost;
    public String country;
    public UUID storeId;
    public boolean salesSupportRequested;
    public String details;

    @Enumerated(EnumType.STRING)
    public LeadStatus status;

    /** Mirrors status.open() and "no payout recorded yet", for the partial indexes of duplicate detection. */
    public boolean open = true;
    public UUID salesRepId;
    public String salesRepName;
    public String salesRepEmail;

    /** How the representative was chosen, or why there is none (null for leads assigned before issue 15). */
    @Enumerated(EnumType.STRING)
    public AssignmentReason assignmentReason;

    /** The other partner's open lead this one collides with (duplicate registration), if any. */
    public UUID conflictLeadId;

    @Enumerated(EnumType.STRING)
    public PayoutOutcome payoutOutcome;
    public BigDecimal payoutAmount;
    public String payoutCurrency;
    public Instant payoutAt;
    public Instant submittedAt;
}
