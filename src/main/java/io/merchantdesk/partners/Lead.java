package io.merchantdesk.partners;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
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
    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "submitted_by")
    public UUID submittedBy;

    @Enumerated(EnumType.STRING)
    public LeadType type;

    @Column(name = "contact_name")
    public String contactName;

    public String email;

    @Column(name = "email_domain")
    public String emailDomain;

    public String phone;

    @Column(name = "company_name")
    public String companyName;

    @Column(name = "website_url")
    public String websiteUrl;

    @Column(name = "website_host")
    public String websiteHost;

    public String country;

    @Column(name = "store_id")
    public UUID storeId;

    @Column(name = "sales_support_requested")
    public boolean salesSupportRequested;

    public String details;

    @Enumerated(EnumType.STRING)
    public LeadStatus status;

    /** Mirrors status.open() and "no payout recorded yet", for the partial indexes of duplicate detection. */
    public boolean open = true;

    @Column(name = "sales_rep_id")
    public UUID salesRepId;

    @Column(name = "sales_rep_name")
    public String salesRepName;

    @Column(name = "sales_rep_email")
    public String salesRepEmail;

    /** How the representative was chosen, or why there is none (null for leads assigned before issue 15). */
    @Enumerated(EnumType.STRING)
    @Column(name = "assignment_reason")
    public AssignmentReason assignmentReason;

    /** The other partner's open lead this one collides with (duplicate registration), if any. */
    @Column(name = "conflict_lead_id")
    public UUID conflictLeadId;

    @Enumerated(EnumType.STRING)
    @Column(name = "payout_outcome")
    public PayoutOutcome payoutOutcome;

    @Column(name = "payout_amount")
    public BigDecimal payoutAmount;

    @Column(name = "payout_currency")
    public String payoutCurrency;

    @Column(name = "payout_at")
    public Instant payoutAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;
}
