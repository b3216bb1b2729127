package io.merchantdesk.partners;

import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.outbox.Outbox;
import io.merchantdesk.kernel.security.Users;
import io.merchantdesk.organizations.Plan;
import io.merchantdesk.organizations.Store;
import io.merchantdesk.organizations.StoreService;
import io.merchantdesk.partners.PartnerDtos.InvitationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PRT-6 upgrade invitations: a partner sends one for a Plus lead tied to an eligible existing store;
 * the store owner gets an e-mail with the terms link; only that owner can accept, once, before the
 * invitation expires; {@link UpgradeJob} then puts the store on Plus within 24 hours.
 */
@ApplicationScoped
public class UpgradeInvitationService {
    public static final String INVITATION_EMAIL = "UPGRADE_INVITATION";
    /** PRT-6: Plus features are available within 24 hours of acceptance. */
    static final Duration APPLY_WITHIN = Duration.ofHours(24);

    @Inject
    UpgradeInvitationRepository invitations;

    @Inject
    LeadRepository leads;

    @Inject
    PartnerRepository partners;

    @Inject
    Users users;

    @Inject
    PartnerAccess access;

    @Inject
    Outbox outbox;

    @Inject
    StoreService stores;

    @Inject
    ReferralService referrals;

    @ConfigProperty(name = "merchantdesk.partners.invitation-validity", defaultValue = "P14D")
    Duration validity;

    @ConfigProperty(name = "merchantdesk.partners.terms-url", defaultValue = "https://merchantdesk.dev/terms/plus")
    String termsUrl;

    @Transactional
    public InvitationView create(Actor actor, UUID partnerId, UUID leadId) {
        access.member(actor, partnerId);
        Lead lead = leads.findById(leadId, LockModeType.PESSIMISTIC_WRITE);
        if (lead == null || !lead.partnerId.equals(partnerId)) throw ProblemException.notFound("Lead " + leadId);
        if (lead.type != LeadType.PLUS) {
            throw ProblemException.rule("UPGRADE_NEEDS_PLUS_LEAD", "PRT-6: upgrade invitations are for Plus leads");
        }
        if (lead.storeId == null) {
            throw ProblemException.rule("UPGRADE_NEEDS_EXISTING_STORE",
                    "PRT-6/PRT-7: the lead is new to the platform; a sales representative qualifies it instead");
        }
        if (!lead.status.open()) {
            throw ProblemException.rule("LEAD_CLOSED", "The lead is " + lead.status + "; no invitation can be sent for it");
        }
        // One invitation decision per store at a time (the partial unique index is the last line of defence).
        invitations.lockStore(lead.storeId);
        Store store = stores.find(lead.storeId);
        String ineligible = ineligibility(store);
        if (ineligible != null) {
            throw ProblemException.rule(ineligible, "PRT-6: the store is not eligible for an upgrade invitation (" + ineligible + ")");
        }
        Optional<UUID> live = invitations.liveForStore(store.id);
        if (live.isPresent()) {
            throw ProblemException.conflict("INVITATION_ALREADY_PENDING", "The store already has an open upgrade invitation")
                    .withResourceId(live.get());
        }
        String ownerEmail = users.find(store.ownerId).map(Users.UserFacts::email).orElse(null);
        if (ownerEmail == null || ownerEmail.isBlank()) {
            throw ProblemException.rule("STORE_OWNER_HAS_NO_EMAIL", "The store owner has no e-mail address to send the terms to");
        }
        UpgradeInvitation inv = new UpgradeInvitation();
        inv.leadId = lead.id;
        inv.partnerId = partnerId;
        inv.storeId = store.id;
        inv.recipientId = store.ownerId;
        inv.recipientEmail = ownerEmail;
        inv.status = UpgradeInvitation.Status.PENDING;
        inv.previousPlan = store.plan.name();
        inv.expiresAt = Instant.now().plus(validity);
        inv.createdBy = actor.id();
        invitations.persistAndFlush(inv);
        String partnerName = partners.findById(partnerId).name;
        outbox.email(INVITATION_EMAIL, ownerEmail, "Upgrade " + store.name + " to Plus",
                """
                %s invites you to move your store %s from %s to Plus.

                Read and accept the terms here: %s
                Plus tools and features are available within 24 hours after you accept.
                This invitation expires on %s.
                """.formatted(partnerName, store.name, store.plan, terms(inv.id), inv.expiresAt),
                "upgrade_invitation", inv.id);
        return view(inv);
    }

    /** Why a store cannot be invited to Plus, or null when it can (rules documented in docs/partners.md). */
    static String ineligibility(Store store) {
        if (store.plan == Plan.PLUS) return "STORE_ALREADY_ON_PLUS";
        if (store.billingThresholdReached()) return "STORE_HAS_UNPAID_BILLS";
        if (store.needsBillingSetup) return "STORE_NEEDS_BILLING_SETUP";
        return null;
    }

    public InvitationView get(Actor actor, UUID invitationId) {
        UpgradeInvitation inv = invitations.findById(invitationId);
        if (inv == null) throw ProblemException.notFound("Upgrade invitation " + invitationId);
        if (!actor.id().equals(inv.recipientId)) {
            access.member(actor, inv.partnerId);   // 404 for anyone unrelated
        }
        return view(inv);
    }

    /** The store owner accepts the terms; the plan changes by {@link UpgradeJob} within 24 hours. */
    @Transactional
    public InvitationView accept(Actor actor, UUID invitationId) {
        UpgradeInvitation inv = invitations.findById(invitationId, LockModeType.PESSIMISTIC_WRITE);
        if (inv == null) throw ProblemException.notFound("Upgrade invitation " + invitationId);
        Store store = stores.find(inv.storeId);
        boolean owner = actor.id().equals(inv.recipientId) && actor.id().equals(store.ownerId);
        if (!owner) {
            if (actor.id().equals(inv.recipientId)) {
                throw ProblemException.forbidden("STORE_OWNER_REQUIRED", "You no longer own the store this invitation is for");
            }
            access.member(actor, inv.partnerId);   // strangers: 404
            throw ProblemException.forbidden("STORE_OWNER_REQUIRED", "PRT-6: only the store owner can accept the terms");
        }
        if (inv.status == UpgradeInvitation.Status.ACCEPTED || inv.status == UpgradeInvitation.Status.APPLIED) {
            throw ProblemException.conflict("INVITATION_ALREADY_ACCEPTED", "The terms were already accepted at " + inv.acceptedAt);
        }
        if (inv.status == UpgradeInvitation.Status.EXPIRED || !Instant.now().isBefore(inv.expiresAt)) {
            throw ProblemException.rule("INVITATION_EXPIRED", "PRT-6: the invitation expired at " + inv.expiresAt + "; ask the partner for a new one");
        }
        String ineligible = ineligibility(store);
        if (ineligible != null) {
            throw ProblemException.rule(ineligible, "PRT-6: the store is no longer eligible for Plus (" + ineligible + ")");
        }
        Instant now = Instant.now();
        inv.status = UpgradeInvitation.Status.ACCEPTED;
        inv.acceptedAt = now;
        inv.acceptedBy = actor.id();
        inv.applyBy = now.plus(APPLY_WITHIN);
        invitations.flush();
        return view(inv);
    }

    /** Applies one accepted invitation (called by the job, one transaction each). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean apply(UUID invitationId) {
        if (!invitations.claimAccepted(invitationId)) return false;
        UpgradeInvitation inv = invitations.findById(invitationId);
        Store store = stores.applyPlan(inv.storeId, Plan.PLUS);
        inv.status = UpgradeInvitation.Status.APPLIED;
        inv.appliedAt = Instant.now();
        referrals.record(inv.partnerId, store.id, store.name, store.plan.name(), inv.leadId, "UPGRADE_INVITATION", null, inv.createdBy);
        invitations.flush();
        return true;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int expire() {
        return invitations.expirePending();
    }

    public List<UUID> due(int limit) {
        return invitations.due(limit);
    }

    /** Whether this replica runs the job now (held until the caller's transaction ends). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryJobLock() {
        return invitations.tryJobLock();
    }

    String terms(UUID id) {
        return termsUrl + "?invitation=" + id;
    }

    InvitationView view(UpgradeInvitation i) {
        return new InvitationView(i.id, i.leadId, i.partnerId, i.storeId, i.status, terms(i.id), i.expiresAt, i.acceptedAt, i.applyBy, i.appliedAt);
    }
}
