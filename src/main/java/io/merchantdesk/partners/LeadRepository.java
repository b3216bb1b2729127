package io.merchantdesk.partners;

import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.kernel.persistence.JdbcReads;
import io.merchantdesk.partners.PartnerDtos.AssignmentView;
import io.merchantdesk.partners.PartnerDtos.LeadSummary;
import io.merchantdesk.partners.PartnerDtos.SalesRepView;
import io.merchantdesk.partners.PartnerDtos.TimelineEntry;
import io.merchantdesk.partners.PartnerDtos.TimelineKind;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every query of {@code leads} and their timeline {@code lead_status_changes}: Panache for the lead
 * row, named native SQL for duplicate detection, the timeline and the leads tables (PRT-5), whose
 * WHERE and ORDER BY are assembled from {@link LeadSort} and the filters.
 */
@ApplicationScoped
class LeadRepository implements PanacheRepositoryBase<Lead, UUID> {
    @Inject
    JdbcReads jdbc;

    /** Serialises submissions with the same key (partner and e-mail) until the transaction ends. */
    static final String ADVISORY_LOCK = "SELECT pg_advisory_xact_lock(hashtext(:k))";

    /** The same partner's open lead of the same type for the same e-mail, website host or store (409). */
    static final String SAME_PARTNER_OPEN = """
            SELECT id FROM leads WHERE partner_id = :p AND open AND type = :type
              AND (lower(email) = :email OR website_host = CAST(:host AS text) OR store_id = CAST(:store AS uuid)) LIMIT 1""";

    /** Another partner's open lead for the same e-mail domain, website host or store (accepted, flagged). */
    static final String OTHER_PARTNER_OPEN = """
            SELECT id FROM leads WHERE partner_id <> :p AND open
              AND (email_domain = CAST(:domain AS text) OR website_host = CAST(:host AS text) OR store_id = CAST(:store AS uuid))
            ORDER BY submitted_at, id LIMIT 1""";

    static final String INSERT_TIMELINE = """
            INSERT INTO lead_status_changes (id, lead_id, from_status, to_status, changed_by, changed_by_name, note, kind, sales_rep_id)
            VALUES (:id, :lead, :from, :to, :by, :name, :note, :kind, :rep)""";

    static final String TIMELINE = """
            SELECT from_status, to_status, changed_at, changed_by, changed_by_name, note, kind, sales_rep_id FROM lead_status_changes
            WHERE lead_id = :lead ORDER BY changed_at, id""";

    /**
     * Issue 15: every queued lead (open, no representative) in one of the countries goes to the
     * representative, with an ASSIGNMENT entry in each lead's timeline; one statement, answers the count.
     */
    static final String ASSIGN_QUEUED = """
            WITH moved AS (
                UPDATE leads SET sales_rep_id = :rep, sales_rep_name = :repName, sales_rep_email = :repEmail,
                       assignment_reason = 'COVERS_COUNTRY', updated_at = now(), version = version + 1
                WHERE sales_rep_id IS NULL AND open AND country = ANY (CAST(:countries AS text[]))
                RETURNING id, status)
            INSERT INTO lead_status_changes (id, lead_id, from_status, to_status, changed_by, changed_by_name, note, kind, sales_rep_id)
            SELECT gen_random_uuid(), id, status, status, :by, :byName, :note, 'ASSIGNMENT', :rep FROM moved""";

    /** The select-list of a leads-table row; the sort keys follow from KEY_COLUMN on. */
    static final String TABLE_COLUMNS = """
            SELECT l.id, l.partner_id, l.type, l.status, l.contact_name, l.email, l.company_name, l.website_url, l.country,
                   l.sales_support_requested, l.sales_rep_id, l.sales_rep_name, l.sales_rep_email, l.submitted_at, l.updated_at,
                   l.conflict_lead_id, l.assignment_reason, l.open, """;
    static final int KEY_COLUMN = 18;

    /** Which leads a table shows. */
    enum Scope {
        /** One partner's leads (the partner's table). */
        PARTNER("l.partner_id = :scope"),
        /** The leads assigned to one representative. */
        REPRESENTATIVE("l.sales_rep_id = :scope"),
        /** Every lead (platform-admin). */
        ALL("TRUE"),
        /** The assignment queue: open leads without a representative (issue 15; partial index leads_queued_idx). */
        QUEUED("l.sales_rep_id IS NULL AND l.open");

        final String where;

        Scope(String where) {
            this.where = where;
        }
    }

    /** A leads-table row (conflictLeadId included; the service hides it outside the sales views) and its sort-key values. */
    record TableRow(LeadSummary summary, Object[] keys) {}

    void lockKey(String key) {
        getEntityManager().createNativeQuery(ADVISORY_LOCK).setParameter("k", key).getSingleResult();
    }

    Optional<UUID> samePartnerOpenLead(UUID partnerId, LeadType type, String lowerEmail, String host, UUID storeId) {
        return first(getEntityManager().createNativeQuery(SAME_PARTNER_OPEN)
                .setParameter("p", partnerId).setParameter("type", type.name()).setParameter("email", lowerEmail)
                .setParameter("host", host).setParameter("store", storeId));
    }

    Optional<UUID> otherPartnerOpenLead(UUID partnerId, String domain, String host, UUID storeId) {
        return first(getEntityManager().createNativeQuery(OTHER_PARTNER_OPEN)
                .setParameter("p", partnerId).setParameter("domain", domain).setParameter("host", host).setParameter("store", storeId));
    }

    void addTimeline(UUID leadId, LeadStatus from, LeadStatus to, UUID by, String byName, String note) {
        insertTimeline(leadId, from, to, by, byName, note, TimelineKind.STATUS_CHANGE, null);
    }

    void addAssignment(UUID leadId, LeadStatus status, UUID salesRepId, UUID by, String byName, String note) {
        insertTimeline(leadId, status, status, by, byName, note, TimelineKind.ASSIGNMENT, salesRepId);
    }

    /** Assigns the queued leads of the countries to the representative; the number of leads assigned. */
    int assignQueued(UUID repId, String repName, String repEmail, String[] countries, UUID by, String byName, String note) {
        return getEntityManager().createNativeQuery(ASSIGN_QUEUED)
                .setParameter("rep", repId).setParameter("repName", repName).setParameter("repEmail", repEmail)
                .setParameter("countries", countries).setParameter("by", by).setParameter("byName", byName)
                .setParameter("note", note).executeUpdate();
    }

    private void insertTimeline(UUID leadId, LeadStatus from, LeadStatus to, UUID by, String byName, String note,
                                TimelineKind kind, UUID salesRepId) {
        getEntityManager().createNativeQuery(INSERT_TIMELINE)
                .setParameter("id", Ids.next()).setParameter("lead", leadId).setParameter("from", from == null ? null : from.name())
                .setParameter("to", to.name()).setParameter("by", by).setParameter("name", byName)
                .setParameter("note", note).setParameter("kind", kind.name()).setParameter("rep", salesRepId).executeUpdate();
    }

    List<TimelineEntry> timeline(UUID leadId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(TIMELINE).setParameter("lead", leadId).getResultList();
        List<TimelineEntry> timeline = new ArrayList<>();
        for (Object[] r : rows) {
            timeline.add(new TimelineEntry(r[0] == null ? null : LeadStatus.valueOf((String) r[0]), LeadStatus.valueOf((String) r[1]),
                    Jdbc.instant(r[2]), (UUID) r[3], (String) r[4], (String) r[5], TimelineKind.valueOf((String) r[6]), (UUID) r[7]));
        }
        return timeline;
    }

    /**
     * One page of a leads table: scope, filters, the sort's ORDER BY and, after a cursor, the sort's
     * expanded keyset comparison; fetches {@code fetch} rows.
     */
    List<TableRow> table(Scope scope, UUID scopeId, LeadService.LeadFilter f, LeadSort sort, List<String> after, int fetch) {
        StringBuilder sql = new StringBuilder(TABLE_COLUMNS).append(sort.keyColumns()).append(" FROM leads l WHERE ").append(scope.where);
        Map<String, Object> params = new LinkedHashMap<>();
        if (scope.where.contains(":scope")) params.put("scope", scopeId);
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
            for (int i = 0; i < sort.keys().size(); i++) params.put("c" + i, after.get(i));
        }
        sql.append(" ORDER BY ").append(sort.orderBy()).append(" LIMIT :n");
        params.put("n", fetch);
        int keyCount = sort.keys().size();
        return jdbc.list(sql.toString(), params, rs -> {
            Object[] keys = new Object[keyCount];
            for (int i = 0; i < keyCount; i++) keys[i] = rs.getString(KEY_COLUMN + 1 + i);
            return new TableRow(summary(rs), keys);
        });
    }

    private static LeadSummary summary(ResultSet rs) throws SQLException {
        UUID repId = rs.getObject(11, UUID.class);
        SalesRepView rep = repId == null ? null : new SalesRepView(repId, rs.getString(12), rs.getString(13));
        String reason = rs.getString(17);
        return new LeadSummary(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), LeadType.valueOf(rs.getString(3)),
                LeadStatus.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getBoolean(10), rep,
                AssignmentView.of(repId, rs.getBoolean(18), reason == null ? null : AssignmentReason.valueOf(reason)),
                rs.getTimestamp(14).toInstant(), rs.getTimestamp(15).toInstant(), rs.getObject(16, UUID.class));
    }

    private static Optional<UUID> first(Query query) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = query.getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }
}
