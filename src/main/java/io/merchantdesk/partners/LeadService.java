package io.merchantdesk.partners;

import io.merchantdesk.kernel.access.Tenancy;
import io.merchantdesk.kernel.access.Tenancy.StoreFacts;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.kernel.outbox.Outbox;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.partners.LeadRepository.Scope;
import io.merchantdesk.partners.LeadRepository.TableRow;
import io.merchantdesk.partners.PartnerDtos.*;
import io.merchantdesk.partners.SalesRepRepository.Pick;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Leads: submission (PRT-1), the leads table (PRT-5), detail (PRT-4), status changes (PRT-2, PRT-7) and payouts (PRT-3). */
@ApplicationScoped
public class LeadService {
    public static final String CONFIRMATION_EMAIL = "LEAD_CONFIRMATION";

    @Inject
    LeadRepository leads;

    @Inject
    PartnerAccess access;

    @Inject
    SalesRepService reps;

    @Inject
    ReferralService referrals;

    @Inject
    Tenancy tenancy;

    @Inject
    Outbox outbox;

    /** Filters of the leads tables. */
    public record LeadFilter(LeadStatus status, LeadType type, String q, Boolean conflict, UUID partnerId) {}

    // --- PRT-1 submission ---

    @Transactional
    public LeadView submit(Actor actor, UUID partnerId, SubmitLeadRequest request) {
        access.member(actor, partnerId);
        LeadInput in = LeadInput.of(request);
        if (request.storeId() != null && tenancy.store(request.storeId()).isEmpty()) {
            throw ProblemException.invalidField("storeId", "no such store");
        }
        // Serialises submissions of the same e-mail by the same partner, so a double click cannot slip past the 409.
        leads.lockKey("lead:" + partnerId + ":" + in.email().toLowerCase(Locale.ROOT));
        Optional<UUID> same = leads.samePartnerOpenLead(partnerId, request.type(), in.email().toLowerCase(Locale.ROOT),
                in.websiteHost(), request.storeId());
        if (same.isPresent()) {
            throw ProblemException.conflict("DUPLICATE_LEAD",
                    "This partner already has an open " + request.type() + " lead for the same e-mail, website or store")
                    .withResourceId(same.get());
        }
        // Duplicate registration by another partner: accepted, but flagged for the sales representative.
        Optional<UUID> other = leads.otherPartnerOpenLead(partnerId, in.conflictDomain(), in.websiteHost(), request.storeId());

        Optional<Pick> pick = reps.assign(in.country());
        Lead lead = new Lead();
        lead.partnerId = partnerId;
        lead.submittedBy = actor.id();
        lead.type = request.type();
        lead.contactName = request.contactName().trim();
        lead.email = in.email();
        lead.emailDomain = in.emailDomain();
        lead.phone = blankToNull(request.phone());
        lead.companyName = request.companyName().trim();
        lead.websiteUrl = in.websiteUrl();
        lead.websiteHost = in.websiteHost();
        lead.country = in.country();
        lead.storeId = request.storeId();
        lead.salesSupportRequested = request.salesSupportRequested();
        lead.details = blankToNull(request.details());
        lead.status = LeadStatus.SUBMITTED;
        lead.open = true;
        lead.conflictLeadId = other.orElse(null);
        if (pick.isPresent()) {
            SalesRepView rep = pick.get().rep();
            lead.salesRepId = rep.userId();
            lead.salesRepName = rep.name();
            lead.salesRepEmail = rep.email();
            lead.assignmentReason = pick.get().coversCountry() ? AssignmentReason.COVERS_COUNTRY : AssignmentReason.NO_REPRESENTATIVE_COVERS_COUNTRY;
        } else {
            // Issue 15: nobody is active in the pool; the lead waits in the queue a platform-admin works through.
            lead.assignmentReason = AssignmentReason.NO_ACTIVE_REPRESENTATIVE;
        }
        lead.submittedAt = Instant.now();
        leads.persistAndFlush(lead);
        timeline(lead.id, null, LeadStatus.SUBMITTED, actor, "Submitted by the partner");
        if (actor.email() != null && !actor.email().isBlank()) {
            outbox.email(CONFIRMATION_EMAIL, actor.email(), "Lead received: " + lead.companyName + " (" + lead.type + ")",
                    confirmation(lead), "lead", lead.id);
        }
        return view(lead, false);
    }

    private static String confirmation(Lead l) {
        return """
                Thank you for your referral. We received this %s lead:

                Contact: %s <%s>%s
                Company: %s
                Website: %s
                Country: %s
                Sales support requested: %s
                Sales representative: %s
                Lead id: %s

                What to expect next: %s
                """.formatted(l.type, l.contactName, l.email, l.phone == null ? "" : ", " + l.phone, l.companyName,
                l.websiteUrl == null ? "-" : l.websiteUrl, l.country, l.salesSupportRequested ? "yes" : "no",
                l.salesRepName == null ? "to be assigned" : l.salesRepName + " <" + l.salesRepEmail + ">", l.id,
                NextSteps.of(l.status, l.type, l.salesSupportRequested, l.payoutOutcome));
    }

    // --- PRT-4 detail ---

    public LeadView get(Actor actor, UUID partnerId, UUID leadId) {
        access.member(actor, partnerId);
        Lead lead = leads.findById(leadId);
        if (lead == null || !lead.partnerId.equals(partnerId)) throw ProblemException.notFound("Lead " + leadId);
        return view(lead, false);
    }

    public LeadView getForSales(Actor actor, UUID leadId) {
        return view(salesLead(actor, leadId, false), true);
    }

    // --- PRT-5 tables ---

    public Page<LeadSummary> list(Actor actor, UUID partnerId, LeadFilter filter, String sort, PageParams page) {
        access.member(actor, partnerId);
        return query(Scope.PARTNER, partnerId, filter, sort, page, false);
    }

    /** Leads assigned to the calling representative; a platform-admin sees every lead (optionally one partner's). */
    public Page<LeadSummary> listForSales(Actor actor, LeadFilter filter, String sort, PageParams page) {
        requireSalesRole(actor);
        if (actor.salesRep() && !actor.platformAdmin()) {
            return query(Scope.REPRESENTATIVE, actor.id(), filter, sort, page, true);
        }
        return query(Scope.ALL, null, filter, sort, page, true);
    }

    /** Issue 15: the assignment queue (open leads without a representative), for a platform-admin. */
    public Page<LeadSummary> queue(Actor actor, LeadFilter filter, String sort, PageParams page) {
        requirePlatformAdmin(actor);
        return query(Scope.QUEUED, null, filter, sort, page, true);
    }

    Page<LeadSummary> query(Scope scope, UUID scopeId, LeadFilter f, String sortSpec, PageParams page, boolean salesView) {
        LeadSort sort = LeadSort.parse(sortSpec);
        List<String> after = Cursors.decode(page.cursor, sort.keys().size() + 1);
        if (after != null && !after.get(0).equals(sort.spec())) {
            throw ProblemException.invalidField("cursor", "was made for sort '" + after.get(0) + "'; start again without a cursor");
        }
        if (after != null) sort.checkCursor(after.subList(1, after.size()));
        List<TableRow> rows = leads.table(scope, scopeId, f, sort, after == null ? null : after.subList(1, after.size()), page.limit + 1);
        return Page.of(rows, page.limit, r -> salesView ? r.summary() : withoutConflict(r.summary()), r -> {
            Object[] keys = new Object[r.keys().length + 1];
            keys[0] = sort.spec();
            System.arraycopy(r.keys(), 0, keys, 1, r.keys().length);
            return Cursors.encode(keys);
        });
    }

    /** The conflict flag is for the sales views only, never shown to the partner. */
    private static LeadSummary withoutConflict(LeadSummary s) {
        return new LeadSummary(s.id(), s.partnerId(), s.type(), s.status(), s.contactName(), s.email(), s.companyName(), s.websiteUrl(),
                s.country(), s.salesSupportRequested(), s.salesRep(), s.assignment(), s.submittedAt(), s.updatedAt(), null);
    }

    // --- PRT-2 / PRT-7 status changes ---

    @Transactional
    public LeadView changeStatus(Actor actor, UUID leadId, StatusChangeRequest request) {
        Lead lead = salesLead(actor, leadId, true);
        if (lead.type == LeadType.POS && !lead.salesSupportRequested) {
            throw ProblemException.rule("POS_LEAD_STAYS_SUBMITTED",
                    "PRT-3: a POS lead without sales support stays SUBMITTED; record the payout outcome instead");
        }
        LeadStatus from = lead.status;
        LeadStatus to = request.status();
        if (!from.canBecome(to)) {
            throw ProblemException.rule("INVALID_STATUS_TRANSITION", "PRT-2: a " + from + " lead cannot become " + to
                    + (from.next().isEmpty() ? " (it is closed)" : "; allowed: " + from.next().stream().map(Enum::name).sorted()
                    .collect(Collectors.joining(", "))), List.of(new FieldError("status", "not allowed from " + from)));
        }
        Money revenue = ReferralService.requireMoney("revenue", request.revenue(), false);
        if (to == LeadStatus.WON) {
            UUID storeId = request.storeId() != null ? request.storeId() : lead.storeId;
            if (storeId == null) {
                throw ProblemException.rule("STORE_REQUIRED_FOR_WON", "PRT-8: a won lead names the store the merchant sells from",
                        List.of(new FieldError("storeId", "is required when the lead has no store")));
            }
            StoreFacts store = tenancy.store(storeId).orElseThrow(() -> ProblemException.invalidField("storeId", "no such store"));
            lead.storeId = storeId;
            referrals.record(lead.partnerId, store.id(), store.name(), store.plan(), lead.id, "LEAD_WON", revenue, actor.id());
        } else if (request.storeId() != null || revenue != null) {
            throw ProblemException.invalidField(request.storeId() != null ? "storeId" : "revenue", "only applies to WON");
        }
        lead.status = to;
        close(lead, !to.open());
        timeline(lead.id, from, to, actor, blankToNull(request.note()));
        leads.flush();
        return view(lead, true);
    }

    // --- PRT-3 payouts ---

    @Transactional
    public LeadView payout(Actor actor, UUID leadId, PayoutRequest request) {
        Lead lead = salesLead(actor, leadId, true);
        if (lead.type != LeadType.POS || lead.salesSupportRequested) {
            throw ProblemException.rule("PAYOUT_NOT_APPLICABLE",
                    "PRT-3: payouts are recorded on POS leads without sales support; this lead follows its status");
        }
        if (lead.payoutOutcome != null) {
            throw ProblemException.conflict("PAYOUT_ALREADY_RECORDED", "The payout outcome of this lead is already " + lead.payoutOutcome);
        }
        Money amount = ReferralService.requireMoney("amount", request.amount(), request.outcome() == PayoutOutcome.AWARDED);
        if (request.outcome() == PayoutOutcome.AWARDED && amount.amount().signum() <= 0) {
            throw ProblemException.invalidField("amount.amount", "must be positive for an awarded payout");
        }
        if (request.outcome() == PayoutOutcome.INELIGIBLE && amount != null) {
            throw ProblemException.invalidField("amount", "an ineligible lead has no payout amount");
        }
        lead.payoutOutcome = request.outcome();
        lead.payoutAmount = amount == null ? null : amount.amount();
        lead.payoutCurrency = amount == null ? null : amount.currency();
        lead.payoutAt = Instant.now();
        close(lead, true);   // the status stays SUBMITTED (PRT-3); the lead no longer counts as open
        leads.flush();
        return view(lead, true);
    }

    // --- issue 15: reassignment by a platform-admin ---

    /**
     * A platform-admin gives an open lead to another active representative (also a queued lead). The
     * open-lead counters move with it, the timeline records an ASSIGNMENT entry, the version changes.
     */
    @Transactional
    public LeadView reassign(Actor actor, UUID leadId, String ifMatch, ReassignRequest request) {
        requirePlatformAdmin(actor);
        Lead lead = leads.findById(leadId, LockModeType.PESSIMISTIC_WRITE);
        if (lead == null) throw ProblemException.notFound("Lead " + leadId);
        Etags.requireMatch(ifMatch, lead.version);
        if (!lead.open) {
            throw ProblemException.rule("LEAD_CLOSED", "The lead is " + lead.status
                    + (lead.payoutOutcome == null ? "" : " with a recorded payout") + "; a closed lead keeps its representative");
        }
        SalesRepProfile rep = reps.lockActive(request.salesRepId());
        if (rep.userId().equals(lead.salesRepId)) return view(lead, true);   // already theirs: nothing changes
        UUID previous = lead.salesRepId;
        String previousName = lead.salesRepName;
        reps.move(previous, rep.userId());
        lead.salesRepId = rep.userId();
        lead.salesRepName = rep.name();
        lead.salesRepEmail = rep.email();
        lead.assignmentReason = AssignmentReason.REASSIGNED;
        String what = (previous == null ? "Assigned from the queue to " : "Reassigned from " + previousName + " to ") + rep.name();
        String note = blankToNull(request.note());
        leads.addAssignment(lead.id, lead.status, rep.userId(), actor.id(), actor.name(), note == null ? what : what + ": " + note);
        leads.flush();
        return view(lead, true);
    }

    static void requirePlatformAdmin(Actor actor) {
        if (!actor.platformAdmin()) {
            throw ProblemException.forbidden("ROLE_REQUIRED", "This needs the platform-admin role");
        }
    }

    private void close(Lead lead, boolean closed) {
        if (closed && lead.open) {
            lead.open = false;
            reps.adjustOpen(lead.salesRepId, -1);
        }
    }

    /** The lead for a sales operation: the role is needed (403), the lead must exist (404), and it must be the caller's unless platform-admin (403). */
    private Lead salesLead(Actor actor, UUID leadId, boolean lock) {
        requireSalesRole(actor);
        Lead lead = lock ? leads.findById(leadId, LockModeType.PESSIMISTIC_WRITE) : leads.findById(leadId);
        if (lead == null) throw ProblemException.notFound("Lead " + leadId);
        if (!actor.platformAdmin() && !actor.id().equals(lead.salesRepId)) {
            throw ProblemException.forbidden("NOT_ASSIGNED_REPRESENTATIVE",
                    "Only the sales representative assigned to the lead, or a platform-admin, can do this");
        }
        return lead;
    }

    static void requireSalesRole(Actor actor) {
        if (!actor.salesRep() && !actor.platformAdmin()) {
            throw ProblemException.forbidden("ROLE_REQUIRED", "This needs the sales-rep or platform-admin role");
        }
    }

    private void timeline(UUID leadId, LeadStatus from, LeadStatus to, Actor actor, String note) {
        leads.addTimeline(leadId, from, to, actor.id(), actor.name(), note);
    }

    LeadView view(Lead l, boolean salesView) {
        List<TimelineEntry> timeline = leads.timeline(l.id);
        SalesRepView rep = l.salesRepId == null ? null : new SalesRepView(l.salesRepId, l.salesRepName, l.salesRepEmail);
        PayoutView payout = l.payoutOutcome == null ? null : new PayoutView(l.payoutOutcome,
                l.payoutAmount == null ? null : Money.of(l.payoutAmount, l.payoutCurrency), l.payoutAt);
        return new LeadView(l.id, l.partnerId, l.type, l.status, NextSteps.of(l.status, l.type, l.salesSupportRequested, l.payoutOutcome),
                timeline, rep, AssignmentView.of(l.salesRepId, l.open, l.assignmentReason), l.contactName, l.email, l.phone, l.companyName, l.websiteUrl, l.country, l.storeId,
                l.salesSupportRequested, l.details, payout, salesView ? l.conflictLeadId : null, l.submittedAt, l.version);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
