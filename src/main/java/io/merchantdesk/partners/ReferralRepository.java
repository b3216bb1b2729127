package io.merchantdesk.partners;

import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.kernel.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query of {@code referrals} (named native SQL: an insert-once upsert and a keyset page). */
@ApplicationScoped
class ReferralRepository {
    static final String EXISTS = "SELECT 1 FROM referrals WHERE partner_id = :p AND store_id = :s";

    /** A store counts once per partner: a second referral of the same store inserts nothing. */
    static final String INSERT_ONCE = """
            INSERT INTO referrals (id, partner_id, store_id, lead_id, kind, plan, revenue_amount, revenue_currency, created_by)
            VALUES (:id, :p, :s, :l, :k, :plan, :amount, :currency, :by)
            ON CONFLICT (partner_id, store_id) DO NOTHING RETURNING referred_at""";

    /** A partner's referrals, newest first, keyset by (referred_at, id). Store names come from the tenancy lookup. */
    static final String PAGE = """
            SELECT r.id, r.partner_id, r.store_id, r.lead_id, r.kind, r.referred_at, r.plan, r.revenue_amount, r.revenue_currency
            FROM referrals r
            WHERE r.partner_id = :p
              AND (CAST(:at AS timestamptz) IS NULL OR (r.referred_at, r.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid)))
            ORDER BY r.referred_at DESC, r.id DESC LIMIT :n""";

    /** A stored referral, without the store's name (that belongs to the organizations package). */
    record ReferralRow(UUID id, UUID partnerId, UUID storeId, UUID leadId, String kind, Instant referredAt, String plan, Money revenue) {}

    @Inject
    EntityManager em;

    boolean exists(UUID partnerId, UUID storeId) {
        return !em.createNativeQuery(EXISTS).setParameter("p", partnerId).setParameter("s", storeId).getResultList().isEmpty();
    }

    /** The referral time when inserted; empty when the partner already had a referral of this store. */
    Optional<Instant> insertOnce(UUID id, UUID partnerId, UUID storeId, UUID leadId, String kind, String plan, Money revenue, UUID by) {
        @SuppressWarnings("unchecked")
        List<Object> inserted = em.createNativeQuery(INSERT_ONCE)
                .setParameter("id", id).setParameter("p", partnerId).setParameter("s", storeId).setParameter("l", leadId)
                .setParameter("k", kind).setParameter("plan", plan).setParameter("amount", revenue.amount())
                .setParameter("currency", revenue.currency()).setParameter("by", by).getResultList();
        return inserted.isEmpty() ? Optional.empty() : Optional.of(Jdbc.instant(inserted.get(0)));
    }

    /** afterAt/afterId: the cursor's key values as text (null on the first page). */
    List<ReferralRow> page(UUID partnerId, String afterAt, String afterId, int fetch) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(PAGE)
                .setParameter("p", partnerId).setParameter("at", afterAt).setParameter("id", afterId)
                .setParameter("n", fetch).getResultList();
        return rows.stream().map(r -> new ReferralRow((UUID) r[0], (UUID) r[1], (UUID) r[2], (UUID) r[3], (String) r[4],
                Jdbc.instant(r[5]), (String) r[6], Money.of(Jdbc.decimal(r[7]), (String) r[8]))).toList();
    }
}
