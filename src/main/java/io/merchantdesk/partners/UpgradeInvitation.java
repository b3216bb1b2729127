package io.merchantdesk.partners;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** PRT-6: an invitation to the owner of an existing store to move it to Plus. */
@Entity
@Table(name = "upgrade_invitations")
public class UpgradeInvitation extends BaseEntity {
    // Named for generated SDKs (issue 8): a bare enum name collides with others' and becomes e.g. "Status1".
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "UpgradeInvitationStatus", description = """
            PRT-6 life of an upgrade invitation:
            * `PENDING`: sent to the store owner, not yet accepted; expires at `expiresAt`.
            * `ACCEPTED`: the owner accepted the terms; the store moves to Plus by `applyBy` (24 h).
            * `APPLIED`: the store is on Plus and the referral is recorded.
            * `EXPIRED`: not accepted in time; the partner can send a new one.""")
    public enum Status { PENDING, ACCEPTED, APPLIED, EXPIRED }

    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "store_id")
    public UUID storeId;

    @Column(name = "recipient_id")
    public UUID recipientId;

    @Column(name = "recipient_email")
    public String recipientEmail;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "previous_plan")
    public String previousPlan;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "accepted_by")
    public UUID acceptedBy;

    @Column(name = "apply_by")
    public Instant applyBy;

    @Column(name = "applied_at")
    public Instant appliedAt;

    @Column(name = "created_by")
    public UUID createdBy;
}
