package io.merchantdesk.partners;

import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.kernel.outbox.Outbox;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.organizations.Store;
import io.merchantdesk.partners.PartnerDtos.*;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Leads: submission (PRT-1), the leads table (PRT-5), detail (PRT-4), status changes (PRT-2, PRT-7) and payouts (PRT-3). */
@ApplicationScoped
public class LeadService {
    public static final String CONFIRMATION_EMAIL = "LEAD_CONFIRMATION";

    @Inject
    EntityManager em;

    @Inject
    PartnerAccess access;

    @Inject
    SalesReps reps;

    @Inject
    Referrals referrals;

    @Inject
    Outbox outbox;

    /** Filters of the leads tables. */
    public record LeadFilter(LeadStatus status, LeadType type, String q, Boolean conflict, UUID partnerId) {}

    // --- PRT-1 submission ---

    @Transactional
    public LeadView submit(Actor actor, UUID partnerId, SubmitLeadRequest request) {
        access.member(actor, partnerId);
        LeadInput in = LeadInput.of(request);
        if (request.storeId() != null && em.find(Store.class, request.storeId()) == null) {
            throw ProblemException.invalidField("storeId", "no such store");
        }
        // Serialises submissions of the same e-mail by the same partner, so a double click cannot slip past the 409.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(:k))")
                .setParameter("k", "lead:" + partnerId + ":" + in.email().toLowerCase(Locale.ROOT)).getSingleResult();
        @SuppressWarnings("unchecked")
        List<UUID> same = em.createNativeQuery("""
                SELECT id FROM leads WHERE partner_id = :p AND open AND type = :type
                  AND (lower(email) = :email OR website_host = CAST(:host AS text) OR store_id = CAST(:store AS uuid)) LIMIT 1""")
                .setParameter("p", partnerId).setParameter("type", request.type().name())
                .setParameter("email", in.email().toLowerCase(Locale.ROOT)).setParameter("host", in.websiteHost())
                .setParameter("store", request.storeId()).getResultList();
        if (!same.isEmpty()) {
            throw ProblemException.conflict("DUPLICATE_LEAD",
                    "This partner already has an open " + request.type() + " lead for the same e-mail, website or store")
                    .withResourceId(same.get(0));
        }
        // Duplicate registration by another partner: accepted, but flagged for the sales representative.
        @SuppressWarnings("unchecked")
        List<UUID> other = em.createNativeQuery("""
                SELECT id FROM leads WHERE partner_id <> :p AND open
                  AND (email_domain = CAST(:domain AS text) OR website_host = CAST(:host AS text) OR store_id = CAST(:store AS uuid))
                ORDER BY submitted_at, id LIMIT 1""")
                .setParameter("p", partnerId).setParameter("domain", in.conflictDomain()).setParameter("host", in.websiteHost())
                .setParameter("store", request.storeId()).getResultList();

        SalesRepView rep = reps.assign(in.country());
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
        lead.conflictLeadId = other.isEmpty() ? null : other.get(0);
        if (rep != null) {
            lead.salesRepId = rep.userId();
            lead.salesRepName = rep.name();
            lead.salesRepEmail = rep.email();
        }
        lead.submittedAt = Instant.now();
        lead.persist();
        em.flush();
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
        Lead lead = em.find(Lead.class, leadId);
        if (lead == null || !lead.partnerId.equals(partnerId)) throw ProblemException.notFound("Lead " + leadId);
        return view(lead, false);
    }

    public LeadView getForSales(Actor actor, UUID leadId) {
        return view(salesLead(actor, leadId, false), true);
    }

    // --- PRT-5 tables ---

    public Page<LeadSummary> list(Actor actor, UUID partnerId, LeadFilter filter, String sort, PageParams page) {
        access.member(actor, partnerId);
        return query("l.partner_id = :scope", partnerId, filter, sort, page, false);
    }

    /** Leads assigned to the calling representative; a platform-admin sees every lead (optionally one partner's). */
    public Page<LeadSummary> listForSales(Actor actor, LeadFilter filter, String sort, PageParams page) {
        requireSalesRole(actor);
        if (actor.salesRep() && !actor.platformAdmin()) {
            return query("l.sales_rep_id = :scope", actor.id(), filter, sort, page, true);
        }
        return query("CAST(:scope AS uuid) IS NULL", null, filter, sort, page, true);
    }

    Page<LeadSummary> query(String scope, UUID scopeId, LeadFilter f, String sortSpec, PageParams page, boolean salesView) {
        LeadSort sort = LeadSort.parse(sortSpec);
        List<String> after = Cursors.decode(page.cursor, sort.keys().size() + 1);
        if (after != null && !after.get(0).equals(sort.spec())) {
            throw ProblemException.invalidField("cursor", "was made for sort '" + after.get(0) + "'; start again without a cursor");
        }
        if (after != null) sort.checkCursor(after.subList(1, after.size()));
        StringBuilder sql = new StringBuilder("""
                SELECT l.id, l.partner_id, l.type, l.status, l.contact_name, l.email, l.company_name, l.website_url, l.country,
                       l.sales_support_requested, l.sales_rep_id, l.sales_rep_name, l.sales_rep_email, l.submitted_at, l.updated_at,
                       l.conflict_lead_id, """).append(sort.keyColumns()).append(" FROM leads l WHERE ").append(scope);
        Map<String, Object> params = new LinkedHashMap<>();
        if (scopeId != null || scope.contains(":scope")) params.put("scope", scopeId);
        if (f.status() != null) { sql.append(" AND l.status = :status"); params.put("status", f.status().name()); }
        if (f.type() != null) { sql.append(" AND l.type = :type"); params.put("type", f.type().name()); }
        if (f.partnerId() != null) { sql.append(" AND l.partner_id = :partner"); params.put("partner", f.partnerId()); }
        if (Boolean.TRUE.equals(f.conflict())) sql.append(" AND l.conflict_lead_id IS NOT NULL");
        if (Boolean.FALSE.equals(f.conflict())) sql.append(" AND l.conflict_lead_id IS NULL");
        if (f.q() != null && !f.q().isBlank()) {
            // Substring search on the generated, lower-cased search_text (pg_trgm GIN index).
            sql.append(" AND l.search_text LIKE :q");
            params.put("q", Jdbc.containsPattern(f.q()));
        }
        if (after != null) {
            sql.append(" AND ").append(sort.after());
            for (int i = 0; i < sort.keys().size(); i++) params.put("c" + i, after.get(i + 1));
        }
        sql.append(" ORDER BY ").append(sort.orderBy()).append(" LIMIT :n");
        params.put("n", page.limit + 1);
        Query query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        int keyCount = sort.keys().size();
        return Page.of(rows, page.limit, r -> summary(r, salesView), r -> {
            Object[] keys = new Object[keyCount + 1];
            keys[0] = sort.spec();
            System.arraycopy(r, 16, keys, 1, keyCount);
            return Cursors.encode(keys);
        });
    }

    private static LeadSummary summary(Object[] r, boolean salesView) {
        SalesRepView rep = r[10] == null ? null : new SalesRepView((UUID) r[10], (String) r[11], (String) r[12]);
        return new LeadSummary((UUID) r[0], (UUID) r[1], LeadType.valueOf((String) r[2]), LeadStatus.valueOf((String) r[3]),
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], (Boolean) r[9], rep,
                Jdbc.instant(r[13]), Jdbc.instant(r[14]), salesView ? (UUID) r[15] : null);
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
        Money revenue = Referrals.requireMoney("revenue", request.revenue(), false);
        if (to == LeadStatus.WON) {
            UUID storeId = request.storeId() != null ? request.storeId() : lead.storeId;
            if (storeId == null) {
                throw ProblemException.rule("STORE_REQUIRED_FOR_WON", "PRT-8: a won lead names the store the merchant sells from",
                        List.of(new FieldError("storeId", "is required when the lead has no store")));
            }
            Store store = em.find(Store.class, storeId);
            if (store == null) throw ProblemException.invalidField("storeId", "no such store");
            lead.storeId = storeId;
            referrals.record(lead.partnerId, store, lead.id, "LEAD_WON", revenue, actor.id());
        } else if (request.storeId() != null || revenue != null) {
            throw ProblemException.invalidField(request.storeId() != null ? "storeId" : "revenue", "only applies to WON");
        }
        lead.status = to;
        close(lead, !to.open());
        timeline(lead.id, from, to, actor, blankToNull(request.note()));
        em.flush();
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
        Money amount = Referrals.requireMoney("amount", request.amount(), request.outcome() == PayoutOutcome.AWARDED);
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
        em.flush();
        return view(lead, true);
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
        Lead lead = lock ? em.find(Lead.class, leadId, LockModeType.PESSIMISTIC_WRITE) : em.find(Lead.class, leadId);
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
        em.createNativeQuery("""
                INSERT INTO lead_status_changes (id, lead_id, from_status, to_status, changed_by, changed_by_name, note)
                VALUES (:id, :lead, :from, :to, :by, :name, :note)""")
                .setParameter("id", Ids.next()).setParameter("lead", leadId).setParameter("from", from == null ? null : from.name())
                .setParameter("to", to.name()).setParameter("by", actor.id()).setParameter("name", actor.name())
                .setParameter("note", note).executeUpdate();
    }

    LeadView view(Lead l, boolean salesView) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT from_status, to_status, changed_at, changed_by, changed_by_name, note FROM lead_status_changes
                WHERE lead_id = :lead ORDER BY changed_at, id""").setParameter("lead", l.id).getResultList();
        List<TimelineEntry> timeline = new ArrayList<>();
        for (Object[] r : rows) {
            timeline.add(new TimelineEntry(r[0] == null ? null : LeadStatus.valueOf((String) r[0]), LeadStatus.valueOf((String) r[1]),
                    Jdbc.instant(r[2]), (UUID) r[3], (String) r[4], (String) r[5]));
        }
        SalesRepView rep = l.salesRepId == null ? null : new SalesRepView(l.salesRepId, l.salesRepName, l.salesRepEmail);
        PayoutView payout = l.payoutOutcome == null ? null : new PayoutView(l.payoutOutcome,
                l.payoutAmount == null ? null : Money.of(l.payoutAmount, l.payoutCurrency), l.payoutAt);
        return new LeadView(l.id, l.partnerId, l.type, l.status, NextSteps.of(l.status, l.type, l.salesSupportRequested, l.payoutOutcome),
                timeline, rep, l.contactName, l.email, l.phone, l.companyName, l.websiteUrl, l.country, l.storeId,
                l.salesSupportRequested, l.details, payout, salesView ? l.conflictLeadId : null, l.submittedAt, l.version);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
