package io.merchantdesk.partners;

import io.merchantdesk.kernel.persistence.BaseEntity;
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

    public UUID leadId;
    public UUID partnerId;
    public UUID storeId;
    public UUID recipientId;
    public String recipientEmail;

    @Enumerated(EnumType.STRING)
    public Status status;
    public String previousPlan;
    public Instant expiresAt;
    public Instant acceptedAt;
    public UUID acceptedBy;
    public Instant applyBy;
    public Instant appliedAt;
    public UUID createdBy;
}
